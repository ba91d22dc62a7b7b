/// For every output file of a build, the content files whose body it showed
/// (see `RenderDependencies`), as the content state keeps it.
///
/// Sources are numbers, not paths: an index into `names`, which lists the
/// content state's records first, in their order, then any other source
/// (a copied file). A build asking "which outputs showed this file?" then
/// compares integers, and a build that renders few outputs writes the
/// others' sources again without looking up a single path.
struct DependencyTable: Sendable {
    /// The sources' paths: the records' paths (sorted), then other files.
    private(set) var names: [String] = []
    /// How many of `names` are records.
    private(set) var recordCount = 0
    /// Output paths, relative to the output folder.
    private(set) var outputs: [String] = []
    /// The sources of output `i` are `sources[starts[i]..<starts[i + 1]]`.
    private var starts: [Int] = [0]
    private var sources: [Int32] = []
    private var positions: [String: Int] = [:]

    init() {}

    /// A table over `names`, of which the first `recordCount` are the
    /// records' paths; `add` fills it.
    init(names: [String], recordCount: Int, capacity: Int) {
        self.names = names
        self.recordCount = recordCount
        outputs.reserveCapacity(capacity)
        starts.reserveCapacity(capacity + 1)
        positions.reserveCapacity(capacity)
    }

    var count: Int { outputs.count }

    mutating func add(output: String, sources indices: some Sequence<Int>) {
        positions[output] = outputs.count
        outputs.append(output)
        for index in indices { sources.append(Int32(truncatingIfNeeded: index)) }
        starts.append(sources.count)
    }

    /// Where `output` is in `outputs`.
    func position(of output: String) -> Int? {
        positions[output]
    }

    /// The sources of the output at `position`, as indices into `names`.
    func sources(at position: Int) -> ArraySlice<Int32> {
        sources[starts[position]..<starts[position + 1]]
    }

    /// The sources of `output` by path; `nil` for an output the table does
    /// not hold (what `OutputWriter` asks of a reused output).
    subscript(output: String) -> [String]? {
        guard let position = positions[output] else { return nil }
        return sources(at: position).map { names[Int($0)] }
    }

    /// The positions of the outputs that showed one of the sources whose
    /// indices are set in `shown`.
    func outputs(showing shown: [Bool]) -> [Int] {
        outputs.indices.filter { position in
            sources(at: position).contains { Int($0) < shown.count && shown[Int($0)] }
        }
    }

    /// The table of a build's outputs (from `OutputWriter`), over the
    /// records' paths `recordPaths` (sorted) and the other sources met.
    init(_ dependencies: [String: [String]], recordPaths: [String]) {
        self.init(names: recordPaths, recordCount: recordPaths.count, capacity: dependencies.count)
        var index: [String: Int] = [:]
        index.reserveCapacity(recordPaths.count)
        for (position, path) in recordPaths.enumerated() { index[path] = position }
        // In no particular order: sorting 16,000 paths took longer than
        // writing them, and the order means nothing to a reader.
        for (output, sources) in dependencies {
            var indices: [Int] = []
            indices.reserveCapacity(sources.count)
            for source in sources {
                if let known = index[source] {
                    indices.append(known)
                } else {
                    index[source] = names.count
                    indices.append(names.count)
                    names.append(source)
                }
            }
            add(output: output, sources: indices)
        }
    }

    /// This table with the sources `dependencies` gives the outputs
    /// `rendered` (paths), the others' kept as they are; `nil` when one of
    /// them is not in the table (then a build makes a new one).
    func replacing(_ rendered: [String], of dependencies: [String: [String]]) -> DependencyTable? {
        var replacements: [Int: [String]] = [:]
        for output in rendered {
            guard let position = positions[output], let sources = dependencies[output] else { return nil }
            replacements[position] = sources
        }
        var table = self
        table.sources = []
        table.sources.reserveCapacity(sources.count)
        table.starts = [0]
        table.starts.reserveCapacity(starts.count)
        for position in outputs.indices {
            if let paths = replacements[position] {
                for path in paths { table.sources.append(Int32(truncatingIfNeeded: table.nameIndex(path))) }
            } else {
                table.sources.append(contentsOf: sources(at: position))
            }
            table.starts.append(table.sources.count)
        }
        return table
    }

    /// The index of `path` in `names`, adding it when it is not there.
    private mutating func nameIndex(_ path: String) -> Int {
        if let record = names[..<recordCount].sortedIndex(of: path, by: { $0 }) { return record }
        if let extra = names[recordCount...].firstIndex(of: path) { return extra }
        names.append(path)
        return names.count - 1
    }

    // MARK: Reading and writing

    /// The sources that are no record (a copied file), then each output's
    /// path and its sources' indices: the many repeated paths cost a few
    /// bytes each.
    func write(to writer: inout BinaryWriter) {
        writer.write(Array(names[recordCount...]))
        writer.write(outputs.count)
        for position in outputs.indices {
            writer.write(outputs[position])
            let indices = sources(at: position)
            writer.write(indices.count)
            for index in indices { writer.write(Int(index)) }
        }
    }

    /// What `write` wrote, over the records' paths `recordPaths`.
    static func read(_ reader: inout BinaryReader, recordPaths: [String]) throws(BinaryReader.Failure) -> DependencyTable {
        let names = recordPaths + (try reader.strings())
        let count = try reader.count()
        var table = DependencyTable(names: names, recordCount: recordPaths.count, capacity: min(count, 1 << 24))
        var indices: [Int] = []
        for _ in 0..<count {
            let output = try reader.string()
            indices.removeAll(keepingCapacity: true)
            for _ in 0..<(try reader.count()) {
                let index = try reader.int()
                guard names.indices.contains(index) else { throw BinaryReader.Failure() }
                indices.append(index)
            }
            table.add(output: output, sources: indices)
        }
        return table
    }
}
