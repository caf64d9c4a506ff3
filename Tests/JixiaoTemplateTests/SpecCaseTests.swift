import JixiaoTemplate
import Testing

// Generated from the cases in the throwaway comparison package: every `expected`
// string is what swift-mustache 2.1.1 renders for the same template, partials and
// data, so these cases pin byte-for-byte compatibility with the engine the themes
// were written for (quirks included; see the "Whitespace quirks" group).

@Suite("Spec cases (expected = swift-mustache 2.1.1 output)")
struct SpecCaseTests {
    @Test("Interpolation", arguments: SpecCases.interpolation)
    func interpolation(_ spec: SpecCase) {
        spec.check()
    }

    @Test("Sections", arguments: SpecCases.sections)
    func sections(_ spec: SpecCase) {
        spec.check()
    }

    @Test("Inverted", arguments: SpecCases.inverted)
    func inverted(_ spec: SpecCase) {
        spec.check()
    }

    @Test("Comments", arguments: SpecCases.comments)
    func comments(_ spec: SpecCase) {
        spec.check()
    }

    @Test("Delimiters", arguments: SpecCases.delimiters)
    func delimiters(_ spec: SpecCase) {
        spec.check()
    }

    @Test("Partials", arguments: SpecCases.partials)
    func partials(_ spec: SpecCase) {
        spec.check()
    }

    @Test("Inheritance", arguments: SpecCases.inheritance)
    func inheritance(_ spec: SpecCase) {
        spec.check()
    }

    @Test("Transforms", arguments: SpecCases.transforms)
    func transforms(_ spec: SpecCase) {
        spec.check()
    }

    @Test("Values", arguments: SpecCases.values)
    func values(_ spec: SpecCase) {
        spec.check()
    }

    @Test("Whitespace quirks", arguments: SpecCases.whitespaceQuirks)
    func whitespaceQuirks(_ spec: SpecCase) {
        spec.check()
    }
}

enum SpecCases {
    static let interpolation: [SpecCase] = [
        SpecCase("No Interpolation", "Hello from {Mustache}!\n", expected: "Hello from {Mustache}!\n"),
        SpecCase("Basic Interpolation", "Hello, {{subject}}!\n", data: ["subject": "world"], expected: "Hello, world!\n"),
        SpecCase(
            "HTML Escaping",
            "These characters should be HTML escaped: {{forbidden}}\n",
            data: ["forbidden": "& \" < >"],
            expected: "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"
        ),
        SpecCase(
            "Triple Mustache",
            "These characters should not be HTML escaped: {{{forbidden}}}\n",
            data: ["forbidden": "& \" < >"],
            expected: "These characters should not be HTML escaped: & \" < >\n"
        ),
        SpecCase(
            "Ampersand",
            "These characters should not be HTML escaped: {{&forbidden}}\n",
            data: ["forbidden": "& \" < >"],
            expected: "These characters should not be HTML escaped: & \" < >\n"
        ),
        SpecCase("Basic Integer", "\"{{mph}} miles an hour!\"", data: ["mph": 85], expected: "\"85 miles an hour!\""),
        SpecCase("Basic Null", "I ({{cannot}}) be seen!", data: ["cannot": nil], expected: "I () be seen!"),
        SpecCase("Context Miss", "I ({{cannot}}) be seen!", expected: "I () be seen!"),
        SpecCase(
            "Dotted Names - Basic",
            "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
            data: ["person": ["name": "Joe"]],
            expected: "\"Joe\" == \"Joe\""
        ),
        SpecCase(
            "Dotted Names - Arbitrary Depth",
            "\"{{a.b.c.d.e.name}}\" == \"Phil\"",
            data: ["a": ["b": ["c": ["d": ["e": ["name": "Phil"]]]]]],
            expected: "\"Phil\" == \"Phil\""
        ),
        SpecCase("Dotted Names - Broken Chains", "\"{{a.b.c}}\" == \"\"", data: ["a": [:]], expected: "\"\" == \"\""),
        SpecCase(
            "Dotted Names - Broken Chain Resolution",
            "\"{{a.b.c.name}}\" == \"\"",
            data: ["a": ["b": [:]], "c": ["name": "Jim"]],
            expected: "\"\" == \"\""
        ),
        SpecCase(
            "Dotted Names - Initial Resolution",
            "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
            data: ["a": ["b": ["c": ["d": ["e": ["name": "Phil"]]]]], "b": ["c": ["d": ["e": ["name": "Wrong"]]]]],
            expected: "\"Phil\" == \"Phil\""
        ),
        SpecCase("Dotted Names - Context Precedence", "{{#a}}{{b.c}}{{/a}}", data: ["a": ["b": [:]], "b": ["c": "ERROR"]], expected: ""),
        SpecCase("Implicit Iterators - Basic", "Hello, {{.}}!\n", data: "world", expected: "Hello, world!\n"),
        SpecCase("Interpolation - Surrounding Whitespace", "| {{string}} |", data: ["string": "---"], expected: "| --- |"),
        SpecCase("Interpolation - Standalone", "  {{string}}\n", data: ["string": "---"], expected: "  ---\n"),
        SpecCase("Interpolation With Padding", "|{{ string }}|", data: ["string": "---"], expected: "|---|"),
        SpecCase("Triple Mustache With Padding", "|{{{ string }}}|", data: ["string": "---"], expected: "|---|"),
        SpecCase("Ampersand With Padding", "|{{& string }}|", data: ["string": "---"], expected: "|---|"),
    ]

    static let sections: [SpecCase] = [
        SpecCase(
            "Truthy",
            "\"{{#boolean}}This should be rendered.{{/boolean}}\"",
            data: ["boolean": true],
            expected: "\"This should be rendered.\""
        ),
        SpecCase("Falsey", "\"{{#boolean}}This should not be rendered.{{/boolean}}\"", data: ["boolean": false], expected: "\"\""),
        SpecCase("Null is falsey", "\"{{#null}}This should not be rendered.{{/null}}\"", data: ["null": nil], expected: "\"\""),
        SpecCase("Context", "\"{{#context}}Hi {{name}}.{{/context}}\"", data: ["context": ["name": "Joe"]], expected: "\"Hi Joe.\""),
        SpecCase(
            "Parent contexts",
            "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"",
            data: ["a": "foo", "b": "wrong", "c": ["d": "baz"], "sec": ["b": "bar"]],
            expected: "\"foo, bar, baz\""
        ),
        SpecCase("Variable test", "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"", data: ["foo": "bar"], expected: "\"bar is bar\""),
        SpecCase(
            "List Contexts",
            "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
            data: ["tops": [["middles": [["bottoms": [["bname": "x"], ["bname": "y"]], "mname": "1"]], "tname": ["lower": "a", "upper": "A"]]]],
            expected: "a1.A1x.A1y."
        ),
        SpecCase(
            "Deeply Nested Contexts",
            "{{#a}}\n{{one}}\n{{#b}}\n{{one}}{{two}}{{one}}\n{{#c}}\n{{one}}{{two}}{{three}}{{two}}{{one}}\n{{#d}}\n{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{#five}}\n{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n{{/five}}\n{{/d}}\n{{/c}}\n{{/b}}\n{{/a}}\n",
            data: ["a": ["one": 1], "b": ["two": 2], "c": ["d": ["five": 5, "four": 4], "three": 3]],
            expected: "1\n121\n12321\n1234321\n123454321\n"
        ),
        SpecCase("List", "\"{{#list}}{{item}}{{/list}}\"", data: ["list": [["item": 1], ["item": 2], ["item": 3]]], expected: "\"123\""),
        SpecCase("Empty List", "\"{{#list}}Yay lists!{{/list}}\"", data: ["list": []], expected: "\"\""),
        SpecCase(
            "Doubled",
            "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
            data: ["bool": true, "two": "second"],
            expected: "* first\n* second\n* third\n"
        ),
        SpecCase("Nested (Truthy)", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", data: ["bool": true], expected: "| A B C D E |"),
        SpecCase("Context Misses", "[{{#missing}}Found key \'missing\'!{{/missing}}]", expected: "[]"),
        SpecCase(
            "Implicit Iterator - String",
            "\"{{#list}}({{.}}){{/list}}\"",
            data: ["list": ["a", "b", "c", "d", "e"]],
            expected: "\"(a)(b)(c)(d)(e)\""
        ),
        SpecCase(
            "Implicit Iterator - Integer",
            "\"{{#list}}({{.}}){{/list}}\"",
            data: ["list": [1, 2, 3, 4, 5]],
            expected: "\"(1)(2)(3)(4)(5)\""
        ),
        SpecCase(
            "Implicit Iterator - Array",
            "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
            data: ["list": [[1, 2, 3], ["a", "b", "c"]]],
            expected: "\"(123)(abc)\""
        ),
        SpecCase(
            "Implicit Iterator - HTML Escaping",
            "\"{{#list}}({{.}}){{/list}}\"",
            data: ["list": ["&", "\"", "<", ">"]],
            expected: "\"(&amp;)(&quot;)(&lt;)(&gt;)\""
        ),
        SpecCase(
            "Implicit Iterator - Triple mustache",
            "\"{{#list}}({{{.}}}){{/list}}\"",
            data: ["list": ["&", "\"", "<", ">"]],
            expected: "\"(&)(\")(<)(>)\""
        ),
        SpecCase(
            "Dotted Names - Truthy",
            "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"",
            data: ["a": ["b": ["c": true]]],
            expected: "\"Here\" == \"Here\""
        ),
        SpecCase(
            "Dotted Names - Falsey",
            "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
            data: ["a": ["b": ["c": false]]],
            expected: "\"\" == \"\""
        ),
        SpecCase(
            "Dotted Names - Broken Chains section",
            "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
            data: ["a": [:]],
            expected: "\"\" == \"\""
        ),
        SpecCase("Surrounding Whitespace", " | {{#boolean}}\t|\t{{/boolean}} | \n", data: ["boolean": true], expected: " | \t|\t | \n"),
        SpecCase(
            "Internal Whitespace",
            " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
            data: ["boolean": true],
            expected: " |  \n  | \n"
        ),
        SpecCase(
            "Indented Inline Sections",
            " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
            data: ["boolean": true],
            expected: " YES\n GOOD\n"
        ),
        SpecCase(
            "Standalone Lines",
            "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n",
            data: ["boolean": true],
            expected: "| This Is\n|\n| A Line\n"
        ),
        SpecCase(
            "Indented Standalone Lines",
            "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n",
            data: ["boolean": true],
            expected: "| This Is\n|\n| A Line\n"
        ),
        SpecCase("Standalone Line Endings", "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", data: ["boolean": true], expected: "|\r\n|"),
        SpecCase("Standalone Without Previous Line", "  {{#boolean}}\n#{{/boolean}}\n/", data: ["boolean": true], expected: "#\n/"),
        SpecCase("Standalone Without Newline", "#{{#boolean}}\n/\n  {{/boolean}}", data: ["boolean": true], expected: "#\n/\n"),
        SpecCase("Padding", "|{{# boolean }}={{/ boolean }}|", data: ["boolean": true], expected: "|=|"),
        SpecCase("Empty string section", "[{{#s}}yes {{.}}{{/s}}][{{^s}}no{{/s}}]", data: ["s": ""], expected: "[yes ][]"),
        SpecCase("Zero section", "[{{#n}}yes {{.}}{{/n}}][{{^n}}no{{/n}}]", data: ["n": 0], expected: "[yes 0][]"),
        SpecCase("Empty object section", "[{{#o}}yes{{/o}}][{{^o}}no{{/o}}]", data: ["o": [:]], expected: "[yes][]"),
    ]

    static let inverted: [SpecCase] = [
        SpecCase(
            "Inverted Falsey",
            "\"{{^boolean}}This should be rendered.{{/boolean}}\"",
            data: ["boolean": false],
            expected: "\"This should be rendered.\""
        ),
        SpecCase("Inverted Truthy", "\"{{^boolean}}This should not be rendered.{{/boolean}}\"", data: ["boolean": true], expected: "\"\""),
        SpecCase("Inverted Context", "\"{{^context}}Hi {{name}}.{{/context}}\"", data: ["context": ["name": "Joe"]], expected: "\"\""),
        SpecCase("Inverted List", "\"{{^list}}{{n}}{{/list}}\"", data: ["list": [["n": 1], ["n": 2], ["n": 3]]], expected: "\"\""),
        SpecCase("Inverted Empty List", "\"{{^list}}Yay lists!{{/list}}\"", data: ["list": []], expected: "\"Yay lists!\""),
        SpecCase("Inverted Empty List dot", "\"{{^list}}{{.}}{{/list}}\"", data: ["list": []], expected: "\"[]\""),
        SpecCase(
            "Inverted Doubled",
            "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n",
            data: ["bool": false, "two": "second"],
            expected: "* first\n* second\n* third\n"
        ),
        SpecCase(
            "Inverted Standalone Lines",
            "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
            data: ["boolean": false],
            expected: "| This Is\n|\n| A Line\n"
        ),
        SpecCase(
            "Inverted Standalone Indented Lines",
            "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n",
            data: ["boolean": false],
            expected: "| This Is\n|\n| A Line\n"
        ),
    ]

    static let comments: [SpecCase] = [
        SpecCase("Inline comment", "12345{{! Comment Block! }}67890", expected: "1234567890"),
        SpecCase("Multiline comment", "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", expected: "1234567890\n"),
        SpecCase("Standalone comment", "Begin.\n{{! Comment Block! }}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        SpecCase("Indented Standalone comment", "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        SpecCase("Standalone Line Endings comment", "|\r\n{{! Standalone Comment }}\r\n|", expected: "|\r\n|"),
        SpecCase("Standalone Without Previous Line comment", "  {{! I\'m Still Standalone }}\n!", expected: "!"),
        SpecCase("Standalone Without Newline comment", "!\n  {{! I\'m Still Standalone }}", expected: "!\n"),
        SpecCase("Multiline Standalone comment", "Begin.\n{{!\nSomething\'s going on here...\n}}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        SpecCase("Indented Inline comment", "  12 {{! 34 }}\n", expected: "  12 \n"),
        SpecCase("Surrounding Whitespace comment", "12345 {{! Comment Block! }} 67890", expected: "12345  67890"),
        SpecCase(
            "Variable Name Collision",
            "comments never show: >{{! comment }}<",
            data: ["!": 2, "! comment": 1, "comment": 4],
            expected: "comments never show: ><"
        ),
    ]

    static let delimiters: [SpecCase] = [
        SpecCase("Pair Behavior", "{{=<% %>=}}(<%text%>)", data: ["text": "Hey!"], expected: "(Hey!)"),
        SpecCase("Special Characters", "({{=[ ]=}}[text])", data: ["text": "It worked!"], expected: "(It worked!)"),
        SpecCase(
            "Sections delim",
            "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n",
            data: ["data": "I got interpolated.", "section": true],
            expected: "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"
        ),
        SpecCase(
            "Inverted Sections delim",
            "[\n{{^section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|^section|\n  {{data}}\n  |data|\n|/section|\n]\n",
            data: ["data": "I got interpolated.", "section": false],
            expected: "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"
        ),
        SpecCase(
            "Partial Inheritence delim",
            "[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n",
            partials: ["include": ".{{value}}."],
            data: ["value": "yes"],
            expected: "[ .yes. ]\n[ .yes. ]\n"
        ),
        SpecCase(
            "Post-Partial Behavior",
            "[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n",
            partials: ["include": ".{{value}}. {{= | | =}} .|value|."],
            data: ["value": "yes"],
            expected: "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n"
        ),
        SpecCase("Surrounding Whitespace delim", "| {{=@ @=}} |", expected: "|  |"),
        SpecCase("Outlying Whitespace (Inline)", " | {{=@ @=}}\n", expected: " | \n"),
        SpecCase("Standalone Tag delim", "Begin.\n{{=@ @=}}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        SpecCase("Indented Standalone Tag delim", "Begin.\n  {{=@ @=}}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        SpecCase("Standalone Line Endings delim", "|\r\n{{= @ @ =}}\r\n|", expected: "|\r\n|"),
        SpecCase("Standalone Without Previous Line delim", "  {{=@ @=}}\n=", expected: "="),
        SpecCase("Standalone Without Newline delim", "=\n  {{=@ @=}}", expected: "=\n"),
        SpecCase("Pair with Padding", "|{{= @   @ =}}|", expected: "||"),
    ]

    static let partials: [SpecCase] = [
        SpecCase(
            "Standalone partial inside section",
            "<ul>\n{{#list}}\n  {{>item}}\n{{/list}}\n</ul>\n",
            partials: ["item": "<li>{{.}}</li>\n"],
            data: ["list": ["a", "b"]],
            expected: "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"
        ),
        SpecCase(
            "Partial in list loses list position",
            "{{#list}}{{>p}}|{{/list}}",
            partials: ["p": "{{index()}}{{#first()}}F{{/first()}}{{.}}"],
            data: ["list": ["a", "b"]],
            expected: "a|b|"
        ),
        SpecCase(
            "Indented partial with multi-line value",
            "  {{>p}}\n",
            partials: ["p": "<{{v}}>\n<{{{v}}}>\n"],
            data: ["v": "1\n2"],
            expected: "  <1\n2>\n  <1\n2>\n"
        ),
        SpecCase("Basic Behavior partial", "\"{{>text}}\"", partials: ["text": "from partial"], expected: "\"from partial\""),
        SpecCase("Failed Lookup partial", "\"{{>text}}\"", expected: "\"\""),
        SpecCase(
            "Partial Context",
            "\"{{>partial}}\"",
            partials: ["partial": "*{{text}}*"],
            data: ["text": "content"],
            expected: "\"*content*\""
        ),
        SpecCase(
            "Recursion partial",
            "{{>node}}",
            partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"],
            data: ["content": "X", "nodes": [["content": "Y", "nodes": []]]],
            expected: "X<Y<>>"
        ),
        SpecCase(
            "Nested partial",
            "{{>outer}}",
            partials: ["inner": "{{b}}!", "outer": "*{{a}} {{>inner}}*"],
            data: ["a": "hello", "b": "world"],
            expected: "*hello world!*"
        ),
        SpecCase("Surrounding Whitespace partial", "| {{>partial}} |", partials: ["partial": "\t|\t"], expected: "| \t|\t |"),
        SpecCase(
            "Inline Indentation partial",
            "  {{data}}  {{> partial}}\n",
            partials: ["partial": ">\n>"],
            data: ["data": "|"],
            expected: "  |  >\n>\n"
        ),
        SpecCase("Standalone Line Endings partial", "|\r\n{{>partial}}\r\n|", partials: ["partial": ">"], expected: "|\r\n>|"),
        SpecCase("Standalone Without Previous Line partial", "  {{>partial}}\n>", partials: ["partial": ">\n>"], expected: "  >\n  >>"),
        SpecCase("Standalone Without Newline partial", ">\n  {{>partial}}", partials: ["partial": ">\n>"], expected: ">\n  >\n  >"),
        SpecCase(
            "Standalone Indentation partial",
            "\\\n {{>partial}}\n/\n",
            partials: ["partial": "|\n{{{content}}}\n|\n"],
            data: ["content": "<\n->"],
            expected: "\\\n |\n <\n->\n |\n/\n"
        ),
        SpecCase("Padding Whitespace partial", "|{{> partial }}|", partials: ["partial": "[]"], data: ["boolean": true], expected: "|[]|"),
        SpecCase(
            "Partial with slash name",
            "<{{>partials/name}}>",
            partials: ["partials/name": "N{{x}}"],
            data: ["x": 1],
            expected: "<N1>"
        ),
        SpecCase(
            "Indented partial with section",
            "<ul>\n  {{>items}}\n</ul>\n",
            partials: ["items": "{{#list}}\n<li>{{.}}</li>\n{{/list}}\n"],
            data: ["list": ["a", "b", "c"]],
            expected: "<ul>\n  <li>a</li>\n<li>b</li>\n<li>c</li>\n</ul>\n"
        ),
        SpecCase(
            "Indented partial with inline section",
            "<ul>\n  {{>items}}\n</ul>\n",
            partials: ["items": "{{#list}}<li>{{.}}</li>\n{{/list}}"],
            data: ["list": ["a", "b", "c"]],
            expected: "<ul>\n  <li>a</li>\n<li>b</li>\n<li>c</li>\n</ul>\n"
        ),
        SpecCase(
            "Indented partial nested",
            "A\n  {{>p1}}\nZ\n",
            partials: ["p1": "b\n  {{>p2}}\nc\n", "p2": "x\ny\n"],
            expected: "A\n  b\n    x\n    y\n  c\nZ\n"
        ),
        SpecCase(
            "Indented partial crlf",
            "A\r\n  {{>p1}}\r\nZ\r\n",
            partials: ["p1": "b\r\nc\r\nd\r\n"],
            expected: "A\r\n  b\r\nc\r\nd\r\nZ\r\n"
        ),
    ]

    static let inheritance: [SpecCase] = [
        SpecCase("Default", "{{$title}}Default title{{/title}}\n", expected: "Default title\n"),
        SpecCase("Variable in block", "{{$foo}}{{bar}}{{/foo}}\n", data: ["bar": "baz"], expected: "baz\n"),
        SpecCase(
            "Triple Mustache in block",
            "{{<parent}}{{$a}}{{{x}}}{{/a}}{{/parent}}",
            partials: ["parent": "{{$a}}d{{/a}}"],
            data: ["x": "<b>"],
            expected: "<b>"
        ),
        SpecCase(
            "Inherit",
            "{{<include}}{{/include}}\n",
            partials: ["include": "{{$foo}}default content{{/foo}}"],
            expected: "default content"
        ),
        SpecCase(
            "Overridden content",
            "{{<super}}{{$title}}sub template title{{/title}}{{/super}}",
            partials: ["super": "...{{$title}}Default title{{/title}}..."],
            expected: "...sub template title..."
        ),
        SpecCase(
            "Data does not override block",
            "{{<include}}{{$var}}var in template{{/var}}{{/include}}",
            partials: ["include": "{{$var}}var in include{{/var}}"],
            data: ["var": "var in data"],
            expected: "var in template"
        ),
        SpecCase(
            "Data does not override block default",
            "{{<include}}{{/include}}",
            partials: ["include": "{{$var}}var in include{{/var}}"],
            data: ["var": "var in data"],
            expected: "var in include"
        ),
        SpecCase(
            "Overridden parent",
            "test {{<parent}}{{$stuff}}override{{/stuff}}{{/parent}}",
            partials: ["parent": "{{$stuff}}...{{/stuff}}"],
            expected: "test override"
        ),
        SpecCase(
            "Two overridden parents",
            "test {{<parent}}{{$stuff}}override1{{/stuff}}{{/parent}} {{<parent}}{{$stuff}}override2{{/stuff}}{{/parent}}\n",
            partials: ["parent": "|{{$stuff}}...{{/stuff}}{{$default}} default{{/default}}|"],
            expected: "test |override1 default| |override2 default|\n"
        ),
        SpecCase(
            "Override parent with newlines",
            "{{<parent}}{{$ballmer}}\npeaked\n\n:(\n{{/ballmer}}{{/parent}}",
            partials: ["parent": "{{$ballmer}}peaking{{/ballmer}}"],
            expected: "peaked\n\n:(\n"
        ),
        SpecCase(
            "Inherit indentation",
            "{{<parent}}{{$nineties}}hammer time{{/nineties}}{{/parent}}",
            partials: ["parent": "stop:\n  {{$nineties}}collaborate and listen{{/nineties}}\n"],
            expected: "stop:\n  hammer time\n"
        ),
        SpecCase(
            "Only one override",
            "{{<parent}}{{$stuff2}}override two{{/stuff2}}{{/parent}}",
            partials: ["parent": "{{$stuff}}new default one{{/stuff}}, {{$stuff2}}new default two{{/stuff2}}"],
            expected: "new default one, override two"
        ),
        SpecCase(
            "Parent template",
            "{{>parent}}|{{<parent}}{{/parent}}",
            partials: ["parent": "{{$foo}}default content{{/foo}}"],
            expected: "default content|default content"
        ),
        SpecCase(
            "Recursion inheritance",
            "{{<parent}}{{$foo}}override{{/foo}}{{/parent}}",
            partials: ["parent": "{{$foo}}default content{{/foo}} {{$bar}}{{<parent2}}{{/parent2}}{{/bar}}", "parent2": "{{$foo}}parent2 default content{{/foo}} {{<parent}}{{$bar}}don\'t recurse{{/bar}}{{/parent}}"],
            expected: "override override override don\'t recurse"
        ),
        SpecCase(
            "Multi-level inheritance",
            "{{<parent}}{{$a}}c{{/a}}{{/parent}}",
            partials: ["grandParent": "{{$a}}g{{/a}}", "older": "{{<grandParent}}{{$a}}o{{/a}}{{/grandParent}}", "parent": "{{<older}}{{$a}}p{{/a}}{{/older}}"],
            expected: "c"
        ),
        SpecCase(
            "Multi-level inheritance, no sub child",
            "{{<parent}}{{/parent}}",
            partials: ["grandParent": "{{$a}}g{{/a}}", "older": "{{<grandParent}}{{$a}}o{{/a}}{{/grandParent}}", "parent": "{{<older}}{{$a}}p{{/a}}{{/older}}"],
            expected: "p"
        ),
        SpecCase(
            "Text inside parent",
            "{{<parent}} asdfasd {{$foo}}hmm{{/foo}} asdfasd {{/parent}}",
            partials: ["parent": "{{$foo}}default content{{/foo}}"],
            expected: "hmm"
        ),
        SpecCase(
            "Text inside parent 2",
            "{{<parent}} asdfasd asdfasd {{/parent}}",
            partials: ["parent": "{{$foo}}default content{{/foo}}"],
            expected: "default content"
        ),
        SpecCase(
            "Block scope",
            "{{<parent}}{{$block}}I say {{fruit}}.{{/block}}{{/parent}}",
            partials: ["parent": "{{#nested}}{{$block}}You say {{fruit}}.{{/block}}{{/nested}}"],
            data: ["fruit": "apples", "nested": ["fruit": "bananas"]],
            expected: "I say bananas."
        ),
        SpecCase(
            "Standalone parent",
            "Hi,\n  {{<parent}}{{/parent}}\n",
            partials: ["parent": "one\ntwo\n"],
            expected: "Hi,\n  one\n  two\n"
        ),
        SpecCase(
            "Standalone block",
            "{{<parent}}{{$block}}\none\ntwo{{/block}}\n{{/parent}}\n",
            partials: ["parent": "Hi,\n  {{$block}}{{/block}}\n"],
            expected: "Hi,\n  one\n  two\n"
        ),
        SpecCase(
            "Block reindentation",
            "{{<parent}}{{$block}}\n    one\n    two\n{{/block}}\n{{/parent}}\n",
            partials: ["parent": "Hi,\n  {{$block}}\n  {{/block}}\n"],
            expected: "Hi,\n  one\n  two\n"
        ),
        SpecCase(
            "Intrinsic indentation",
            "{{<parent}}{{$block}}\none\ntwo\n{{/block}}\n{{/parent}}\n",
            partials: ["parent": "Hi,\n{{$block}}\n{{/block}}\n"],
            expected: "Hi,\none\ntwo\n"
        ),
        SpecCase(
            "Nested block reindentation",
            "{{<parent}}{{$nested}}\nthree\n{{/nested}}\n{{/parent}}\n",
            partials: ["grandparent": "{{$block}}default{{/block}}", "parent": "{{<grandparent}}{{$block}}\n one\n {{$nested}}\n two\n {{/nested}}\n{{/block}}\n{{/grandparent}}\n"],
            expected: "one\nthree\n"
        ),
        SpecCase(
            "Override block in partial of parent",
            "{{<layout}}{{$header}}MY HEADER{{/header}}{{$body}}B{{/body}}{{/layout}}",
            partials: ["head": "[{{$header}}default header{{/header}}]", "layout": "<{{>head}}|{{$body}}default body{{/body}}>"],
            expected: "<[MY HEADER]|B>"
        ),
        SpecCase(
            "Override block in indented partial of parent",
            "{{<layout}}\n{{$header}}\nline1\nline2\n{{/header}}\n{{/layout}}\n",
            partials: ["head": "<h>\n  {{$header}}\n  def\n  {{/header}}\n</h>\n", "layout": "<div>\n  {{>head}}\n</div>\n"],
            expected: "<div>\n  <h>\n    line1\n    line2\n  </h>\n</div>\n"
        ),
        SpecCase(
            "Parent inside section iteration",
            "{{#list}}{{<p}}{{$b}}[{{.}}]{{/b}}{{/p}}{{/list}}",
            partials: ["p": "({{$b}}{{/b}})"],
            data: ["list": ["x", "y"]],
            expected: "([x])([y])"
        ),
        SpecCase(
            "Theme-like base",
            "{{<base}}\n{{$body_class}}page-x{{/body_class}}\n{{$main}}\n<h1>{{title}}</h1>\n{{#rows}}\n<p>{{name}}</p>\n{{/rows}}\n{{/main}}\n{{/base}}\n",
            partials: ["base": "<body class=\"{{$body_class}}page{{/body_class}}\">\n{{>partials/header}}\n<main>\n{{$main}}{{/main}}\n</main>\n</body>\n", "partials/header": "<header>{{title}}</header>\n"],
            data: ["rows": [["name": "a"], ["name": "b"]], "title": "T"],
            expected: "<body class=\"page-x\">\n<header>T</header>\n<main>\n<h1>T</h1>\n<p>a</p>\n<p>b</p>\n\n</main>\n</body>\n"
        ),
    ]

    static let transforms: [SpecCase] = [
        SpecCase(
            "first/last/index",
            "{{#list}}{{#first()}}F{{/first()}}{{index()}}{{.}}{{#last()}}L{{/last()}}{{^last()}}, {{/last()}}{{/list}}",
            data: ["list": ["a", "b", "c"]],
            expected: "F0a, 1b, 2cL"
        ),
        SpecCase(
            "even/odd",
            "{{#list}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}{{plusone(index())}} {{/list}}",
            data: ["list": ["a", "b", "c"]],
            expected: "e1 o2 e3 "
        ),
        SpecCase(
            "position in nested bool section",
            "{{#list}}{{#t}}{{index()}}{{/t}}{{#o}}[{{index()}}]{{/o}}{{/list}}",
            data: ["list": ["a", "b"], "o": ["x": 1], "t": true],
            expected: "0[]1[]"
        ),
        SpecCase(
            "position in partial",
            "{{#list}}{{>p}}{{/list}}",
            partials: ["p": "<{{index()}}>"],
            data: ["list": ["a", "b"]],
            expected: "<><>"
        ),
        SpecCase(
            "string transforms",
            "{{uppercased(s)}} {{lowercased(s)}} {{capitalized(s)}} {{reversed(s)}} {{empty(s)}} {{empty(e)}} {{count(s)}}",
            data: ["e": "", "s": "hello World <b>"],
            expected: "HELLO WORLD &lt;B&gt; hello world &lt;b&gt; Hello World &lt;B&gt; &gt;b&lt; dlroW olleh false true "
        ),
        SpecCase(
            "int transforms",
            "{{plusone(n)}} {{minusone(n)}} {{even(n)}} {{odd(n)}} {{equalzero(n)}} {{equalzero(z)}} {{odd(m)}} {{even(m)}}",
            data: ["m": -3, "n": 5, "z": 0],
            expected: "6 4 false true false true true false"
        ),
        SpecCase("bool transform", "[{{uppercased(b)}}][{{plusone(b)}}]", data: ["b": true], expected: "[][]"),
        SpecCase(
            "unknown transform",
            "[{{nothing(s)}}][{{#nothing(s)}}x{{/nothing(s)}}][{{^nothing(s)}}y{{/nothing(s)}}]",
            data: ["s": "a"],
            expected: "[][][y]"
        ),
        SpecCase(
            "section with transform",
            "{{#uppercased(s)}}<{{.}}>{{/uppercased(s)}}{{#empty(list)}}E{{/empty(list)}}{{^empty(list)}}N{{/empty(list)}}",
            data: ["list": [1], "s": "abc"],
            expected: "<ABC>N"
        ),
        SpecCase("count of list in section", "{{#count(list)}}n={{.}}{{/count(list)}}", data: ["list": [1, 2]], expected: "n=2"),
        SpecCase(
            "first of list in section",
            "{{#first(list)}}{{name}}{{/first(list)}}",
            data: ["list": [["name": "a"], ["name": "b"]]],
            expected: "a"
        ),
        SpecCase("first outside list", "[{{first()}}][{{#first()}}x{{/first()}}][{{^first()}}y{{/first()}}]", expected: "[][][y]"),
        SpecCase("transform of dotted", "{{uppercased(a.b)}}", data: ["a": ["b": "x"]], expected: "X"),
        SpecCase("transform of dot", "{{#list}}{{uppercased(.)}}{{/list}}", data: ["list": ["x", "y"]], expected: "XY"),
        SpecCase(
            "capitalized edge",
            "{{capitalized(s)}}",
            data: ["s": "o\'neil abc1def a_b c.d ÉCOLE élan 中文abc ǆemal ﬁsh don’t x-y (hi)"],
            expected: "O&#39;neil Abc1Def A_B C.D École Élan 中文Abc ǅemal Fish Don’t X-Y (Hi)"
        ),
    ]

    static let values: [SpecCase] = [
        SpecCase(
            "Negative and large integers",
            "{{a}} {{b}} {{c}}",
            data: ["a": -12, "b": 9007199254740993, "c": 0],
            expected: "-12 9007199254740993 0"
        ),
        SpecCase("Null inside dotted chain", "[{{a.b}}][{{#a}}{{b}}{{/a}}]", data: ["a": ["b": nil], "b": "outer"], expected: "[][outer]"),
        SpecCase("Null at top falls to nothing", "[{{x}}][{{#x}}y{{/x}}][{{^x}}n{{/x}}]", data: ["x": nil], expected: "[][][n]"),
        SpecCase(
            "Null in list element falls through",
            "{{#list}}{{name}},{{/list}}",
            data: ["list": [["name": "a"], ["name": nil], [:]], "name": "outer"],
            expected: "a,outer,outer,"
        ),
        SpecCase(
            "List of objects with dot",
            "{{#list}}[{{#.}}{{name}}{{/.}}]{{/list}}",
            data: ["list": [["name": "a"], ["name": "b"]]],
            expected: "[a][b]"
        ),
        SpecCase(
            "Nested lists",
            "{{#rows}}<{{#cells}}{{.}};{{/cells}}>{{/rows}}",
            data: ["rows": [["cells": [1, 2]], ["cells": []], ["cells": ["x"]]]],
            expected: "<1;2;><><x;>"
        ),
        SpecCase(
            "Section keeps outer names",
            "{{#rows}}{{root}}{{name}} {{/rows}}",
            data: ["root": "../", "rows": [["name": "a"], ["name": "b"]]],
            expected: "../a ../b "
        ),
        SpecCase("bool values", "{{t}} {{f}}", data: ["f": false, "t": true], expected: "true false"),
        SpecCase("int list printed", "{{list}}", data: ["list": [1, 2]], expected: "[1, 2]"),
        SpecCase("anchored name", "{{#o}}[{{.x}}][{{.y}}][{{y}}]{{/o}}", data: ["o": ["x": 1], "y": 2], expected: "[1][][2]"),
        SpecCase("empty name", "{{#o}}[{{}}]{{/o}}", data: ["o": "v"], expected: "[v]"),
        SpecCase("null fallthrough", "{{#inner}}{{name}}{{/inner}}", data: ["inner": ["name": nil], "name": "outer"], expected: "outer"),
        SpecCase("escaping all", "{{s}}", data: ["s": "a&b<c>d\"e\'f/g`h=i"], expected: "a&amp;b&lt;c&gt;d&quot;e&#39;f/g`h=i"),
        SpecCase("escaping unicode", "{{s}}", data: ["s": "中文<强>&amp;🇨🇳\'"], expected: "中文&lt;强&gt;&amp;amp;🇨🇳&#39;"),
        SpecCase(
            "content type text",
            "{{%CONTENT_TYPE:TEXT}}{{s}}{{#t}}{{s}}{{/t}}{{>p}}",
            partials: ["p": "{{s}}"],
            data: ["s": "<&>", "t": true],
            expected: "<&><&>&lt;&amp;&gt;"
        ),
        SpecCase(
            "content type in section",
            "{{#t}}{{%CONTENT_TYPE:TEXT}}{{s}}{{/t}}{{s}}",
            data: ["s": "<&>", "t": true],
            expected: "<&>&lt;&amp;&gt;"
        ),
        SpecCase("content type block", "{{%CONTENT_TYPE:TEXT}}{{$b}}{{s}}{{/b}}", data: ["s": "<&>"], expected: "<&>"),
        SpecCase("dynamic partial", "[{{>*which}}]", partials: ["p": "P{{x}}"], data: ["which": "p", "x": 1], expected: "[P1]"),
    ]

    static let whitespaceQuirks: [SpecCase] = [
        SpecCase("trailing whitespace line dropped", "a\n   ", expected: "a\n"),
        SpecCase("trailing open delimiter", "a{{", expected: "a"),
        SpecCase("delimiter newline", "a{{\nb}}", expected: "a\nb}}"),
        SpecCase(
            "section then partial same line",
            "{{#t}}\nx{{/t}} {{>p}}\ny\n",
            partials: ["p": "P\nQ\n"],
            data: ["t": true],
            expected: "x P\n Q\ny\n"
        ),
        SpecCase("standalone close at end with spaces", "{{#t}}\nx\n{{/t}}  ", data: ["t": true], expected: "x\n"),
        SpecCase("tabs standalone", "a\n\t{{#t}}\t\nb\n\t{{/t}}\t\nc", data: ["t": true], expected: "a\nb\nc"),
        SpecCase("crlf partial indentation", "x\r\n  {{>p}}\r\ny", partials: ["p": "1\r\n2\r\n3"], expected: "x\r\n  1\r\n2\r\n3y"),
        SpecCase("crlf partial indentation 2", "x\n  {{>p}}\ny", partials: ["p": "1\r\n2\n3\r\n4"], expected: "x\n  1\r\n2\n  3\r\n4y"),
        SpecCase("indented partial ending without newline", "  {{>p}}\nz", partials: ["p": "1\n2"], expected: "  1\n  2z"),
        SpecCase(
            "indented partial with empty var lines",
            "  {{>p}}\nz",
            partials: ["p": "1\n{{e}}\n{{e}}x\n"],
            expected: "  1\n  \n  x\nz"
        ),
        SpecCase(
            "indented partial section list lines",
            "  {{>p}}\nz",
            partials: ["p": "{{#l}}\n{{.}}\n{{/l}}\nend\n"],
            data: ["l": ["a", "b"]],
            expected: "  a\nb\n  end\nz"
        ),
        SpecCase(
            "indented partial empty first iter",
            "  {{>p}}\nz",
            partials: ["p": "a\n{{#l}}{{#.}}x{{/.}}\n{{/l}}end\n"],
            data: ["l": [false, true, true]],
            expected: "  a\n  \nx\nx\n  end\nz"
        ),
    ]
}
