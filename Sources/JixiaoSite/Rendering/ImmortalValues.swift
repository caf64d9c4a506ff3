import JixiaoCore
import JixiaoTemplate

// Template values read by every page or row on both cores, made immortal (see Immortal).

extension TemplateShape {
    /// A shape for one kind of row, made once for the process (a static): every row
    /// of the kind holds it, on both cores.
    static func immortal(_ names: [String]) -> TemplateShape {
        let shape = TemplateShape(names)
        Immortal.make(shape)
        Immortal.make(shape.names)
        return shape
    }
}

extension TemplateValue {
    /// Makes the storage of this value and everything in it immortal: for a value
    /// made once per evaluation that each of its pages shows (a page frame).
    func makeImmortal() {
        switch self {
        case .string(let string):
            Immortal.make(string)
        case .list(let items):
            Immortal.makeBuffer(of: items)
            for item in items { item.makeImmortal() }
        case .object(let members):
            Immortal.makeStorage(of: members)
            for (name, value) in members {
                Immortal.make(name)
                value.makeImmortal()
            }
        case .record(let shape, let values):
            Immortal.make(shape)
            Immortal.makeBuffer(of: values)
            for value in values { value.makeImmortal() }
        case .bool, .int, .null:
            break
        }
    }
}

extension Dictionary<String, String> {
    /// The same texts, made immortal: for a static table that rows look names up in.
    func immortal() -> Self {
        Immortal.makeStorage(of: self)
        for (key, value) in self {
            Immortal.make(key)
            Immortal.make(value)
        }
        return self
    }
}
