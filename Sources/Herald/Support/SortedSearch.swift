extension RandomAccessCollection where Index == Int {
    /// The index of the element whose `key` is `value`, in a collection
    /// sorted by `key`: a binary search, for the caches' sorted lists of
    /// paths.
    func sortedIndex(of value: String, by key: (Element) -> String) -> Int? {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if key(self[middle]) < value { low = middle + 1 } else { high = middle }
        }
        return low < endIndex && key(self[low]) == value ? low : nil
    }
}
