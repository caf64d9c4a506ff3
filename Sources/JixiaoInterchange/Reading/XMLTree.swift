import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree built with Foundation's XMLParser: the parts of an XLSX
/// file are small enough to hold whole, and a tree is easier to read than
/// event callbacks. Namespace prefixes are dropped from element and attribute
/// names (`x:row` → `row`, `r:id` → `id`).
struct XMLElementNode {
    var name: String
    var attributes: [String: String]
    var children: [XMLElementNode] = []
    /// Character data directly inside this element.
    var text: String = ""

    func attribute(_ name: String) -> String? { attributes[name] }

    func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }

    func children(_ name: String) -> [XMLElementNode] { children.filter { $0.name == name } }

    /// Every descendant with this name, in document order.
    func descendants(_ name: String) -> [XMLElementNode] {
        var found: [XMLElementNode] = []
        for child in children {
            if child.name == name { found.append(child) }
            found += child.descendants(name)
        }
        return found
    }

    static func parse(_ data: Data) -> Result<XMLElementNode, XMLTreeError> {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let line = parser.lineNumber
            let message = parser.parserError.map { "\($0.localizedDescription)" } ?? "XML 不完整"
            return .failure(XMLTreeError(line: line, message: message))
        }
        return .success(root)
    }
}

struct XMLTreeError: Error {
    var line: Int
    var message: String
}

private func localName(_ name: String) -> String {
    if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
    return name
}

private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLElementNode] = []
    var root: XMLElementNode?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        var attributes: [String: String] = [:]
        for (key, value) in attributeDict { attributes[localName(key)] = value }
        stack.append(XMLElementNode(name: localName(elementName), attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let node = stack.popLast() else { return }
        if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
