import Testing
@testable import JixiaoCore

/// A results table row's keys are held as the row's filled columns: they must
/// read, count, list and change exactly as the same keys added one by one.
@Suite struct KeyLocationsTests {
    static func row(columnCount: Int, filled: [Int]) -> (row: KeyLocations, list: KeyLocations) {
        let names = (0..<columnCount).map { "c\($0)" }
        var row = KeyLocations(row: KeyLocations.TableColumns(names: names, file: "r.csv"), line: 7)
        var list = KeyLocations()
        for column in filled {
            row.fill(column: column)
            list[names[column]] = SourceLocation(file: "r.csv", line: 7, column: column + 1)
        }
        return (row, list)
    }

    static func entries(_ keys: KeyLocations) -> [String] {
        keys.map { "\($0.key)@\($0.value)" }
    }

    @Test(arguments: [(5, [0, 2, 4]), (70, [1, 63, 64, 69]), (3, [])])
    func aRowReadsAsItsList(columnCount: Int, filled: [Int]) {
        let (row, list) = Self.row(columnCount: columnCount, filled: filled)
        #expect(row.count == filled.count)
        #expect(Self.entries(row) == Self.entries(list))
        for index in 0..<columnCount {
            #expect(row["c\(index)"] == list["c\(index)"])
        }
        #expect(row["c\(filled.first ?? 0)"] == (filled.isEmpty ? nil : SourceLocation(file: "r.csv", line: 7, column: filled[0] + 1)))
        #expect(row["absent"] == nil)
    }

    @Test func settingAKeyOfARowKeepsTheOthers() {
        var (row, list) = Self.row(columnCount: 6, filled: [1, 3])
        let elsewhere = SourceLocation(file: "results/u1.md", line: 4, column: 3)
        func change(_ keys: inout KeyLocations) {
            keys["c3"] = elsewhere
            keys["new"] = elsewhere
            keys["c1"] = nil
        }
        change(&row)
        change(&list)
        #expect(Self.entries(row) == ["c3@results/u1.md:4:3", "new@results/u1.md:4:3"])
        #expect(Self.entries(row) == Self.entries(list))
        #expect(row.count == 2)
        #expect(row["c1"] == nil)
    }
}
