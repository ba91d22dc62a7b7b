import Testing
@testable import Herald

@Suite struct MemberNameTests {
    /// Objects answer lookups by symbol: a member they list must have one,
    /// or templates would find it undefined.
    @Test func everyMemberThatHeraldsObjectsListHasASymbol() {
        let names = PageObject.names + TermObject.names + LoopInfo(index0: 0, length: 1).memberNames
        for name in names {
            #expect(MemberName(name).symbol != .other, "'\(name)' has no MemberSymbol")
        }
    }

    @Test func otherNamesHaveNone() {
        #expect(MemberName("headline").symbol == .other)
        #expect(MemberName("").symbol == .other)
    }
}
