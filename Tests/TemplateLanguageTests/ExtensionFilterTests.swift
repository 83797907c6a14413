import Testing
@testable import TemplateLanguage

/// The scaffolding extensions are not in Jinja2, so they are checked here rather than by the
/// conformance suite. Expected YAML and JSON strings come from PyYAML 6 and Python's json.
@Suite struct ExtensionFilterTests {
    @Test func identifierCases() throws {
        let context: [(String, Value)] = [("n", .string("PaymentsAPI service-v2"))]
        #expect(try render("{{ n|snake_case }} {{ n|kebab_case }} {{ n|camel_case }} {{ n|pascal_case }}", context)
                == "payments_api_service_v2 payments-api-service-v2 paymentsApiServiceV2 PaymentsApiServiceV2")
        #expect(try render("{{ 'helloWorld'|snake_case }} {{ 'HTTPServer'|kebab_case }}") == "hello_world http-server")
    }

    /// Expected values are python-slugify 9's (`slugify.slugify`, the legacy pipeline cookiecutter calls).
    @Test func slugifyMatchesPythonSlugify() throws {
        let cases: [(String, String)] = [
            ("Café au Lait's Menu!", "cafe-au-lait-s-menu"), ("The Quick  brown_fox", "the-quick-brown-fox"),
            ("1,000 Things", "1000-things"), ("Straße Łódź", "strasse-lodz"), ("Ærøskøbing Þór", "aeroskobing-thor"),
            ("Привет мир", "privet-mir"), ("naïve façade -- x", "naive-facade-x"), ("a &amp; b &#65; &#x42;", "a-b-a-b"),
            ("  --lead-- ", "lead"), ("price €100", "price-eur100"), ("x'y''z", "x-y-z"),
        ]
        for (input, expected) in cases {
            #expect(try render("{{ s|slugify }}", [("s", .string(input))]) == expected, "\(input)")
        }
        #expect(try render("{{ 'A  B'|slugify(separator='_') }} {{ 'The Quick brown fox'|slugify(max_length=9, word_boundary=True) }}")
                == "a_b the-quick")
        #expect(try render("{{ 'The Quick fox'|slugify(stopwords=['the']) }} {{ 'Big Fox'|slugify(lowercase=False) }}") == "quick-fox Big-Fox")
        #expect(renderError("{{ 'x'|slugify(regex_pattern='[a]') }}")?.kind == .value)
    }

    @Test func dnsLabel() throws {
        #expect(try render("{{ '42 Payments_Service!'|dns_label }}") == "payments-service")
        let long = String(repeating: "ab-", count: 40)
        let label = try render("{{ s|dns_label }}", [("s", .string(long))])
        #expect(label.count <= 63 && label.first == "a" && label.last != "-")
        #expect(renderError("{{ '1234'|dns_label }}")?.kind == .value)
    }

    private let sample: Value = .dict([
        ("name", .string("svc")), ("replicas", .int(3)), ("ports", .list([.int(80), .int(443)])),
        ("env", .dict([("A", .string("yes")), ("B", .string("123"))])),
        ("nested", .list([.dict([("x", .int(1)), ("y", .string("two"))])])),
        ("empty", .dict([])), ("none", .none), ("ratio", .float(0.5)), ("flag", .bool(true)),
    ])

    /// Expected output is PyYAML 6's. PyYAML folds plain and single-quoted scalars at a single space past column 80, continuing
    /// one indent step further in; flow items break after a comma past the width.
    @Test func toYamlFoldsLongLinesAsPyYAML() throws {
        let long = "A really long description of the project that certainly goes past the eighty column limit of PyYAML, and then some more words"
        let value: Value = .dict([("description", .string(long)), ("list", .list([.string(long + " it's"), .string("b")]))])
        #expect(try render("{{ v|to_nice_yaml }}", [("v", value)]) == """
            description: A really long description of the project that certainly goes past the
                eighty column limit of PyYAML, and then some more words
            list:
            - A really long description of the project that certainly goes past the eighty column
                limit of PyYAML, and then some more words it's
            - b

            """)
        #expect(try render("{{ v|to_yaml }}", [("v", value)]) == """
            description: A really long description of the project that certainly goes past the
              eighty column limit of PyYAML, and then some more words
            list: ['A really long description of the project that certainly goes past the eighty
                column limit of PyYAML, and then some more words it''s', b]

            """)
    }

    @Test func toYamlMatchesPyYAML() throws {
        #expect(try render("{{ v|to_yaml }}", [("v", sample)])
                == "empty: {}\nenv: {A: 'yes', B: '123'}\nflag: true\nname: svc\nnested:\n- {x: 1, y: two}\nnone: null\nports: [80, 443]\nratio: 0.5\nreplicas: 3\n")
        #expect(try render("{{ v|to_yaml }}", [("v", .list([.string("a"), .dict([("b", .list([.int(1), .int(2)]))]), .list([.int(3), .list([.int(4)])])]))])
                == "- a\n- b: [1, 2]\n- - 3\n  - [4]\n")
        #expect(try render("{{ 'plain'|to_yaml }}") == "plain\n...\n")
    }

    @Test func toNiceYamlMatchesPyYAML() throws {
        #expect(try render("{{ v|to_nice_yaml }}", [("v", sample)])
                == "empty: {}\nenv:\n    A: 'yes'\n    B: '123'\nflag: true\nname: svc\nnested:\n-   x: 1\n    y: two\nnone: null\nports:\n- 80\n- 443\nratio: 0.5\nreplicas: 3\n")
        #expect(try render("{{ v|to_nice_yaml }}", [("v", .list([.string("a"), .dict([("b", .list([.int(1), .int(2)]))]), .list([.int(3), .list([.int(4)])])]))])
                == "- a\n-   b:\n    - 1\n    - 2\n-   - 3\n    -   - 4\n")
    }

    @Test func yamlQuotesStringsThatWouldChangeType() throws {
        let v = Value.dict([("s", .string("it's")), ("q", .string("a: b")), ("h", .string("#x")), ("u", .string("héllo")),
                            ("dash", .string("- x")), ("ts", .string("2024-01-01")), ("f", .string("1.5")), ("e", .string("")),
                            ("tilde", .string("~")), ("on", .string("on")), ("v", .string("v1.2"))])
        #expect(try render("{{ v|to_nice_yaml }}", [("v", v)])
                == "dash: '- x'\ne: ''\nf: '1.5'\nh: '#x'\n'on': 'on'\nq: 'a: b'\ns: it's\ntilde: '~'\nts: '2024-01-01'\nu: héllo\nv: v1.2\n")
    }

    @Test func jsonifyMatchesCookiecutter() throws {
        let v = Value.dict([("b", .list([.int(1), .dict([("c", .none)])])), ("a", .string("é"))])
        #expect(try render("{{ v|jsonify }}", [("v", v)])
                == "{\n    \"a\": \"\\u00e9\",\n    \"b\": [\n        1,\n        {\n            \"c\": null\n        }\n    ]\n}")
    }

    @Test func regexReplaceAndSearch() throws {
        #expect(try render("{{ 'v1.2.3'|regex_replace('^v(\\\\d+)\\\\..*$', 'major=\\\\1') }}") == "major=1")
        #expect(try render("{{ 'Hello World'|regex_replace('o', '0') }} {{ 'ABC'|regex_replace('b', 'x', ignorecase=true) }}") == "Hell0 W0rld AxC")
        #expect(try render("{{ 'port: 8080'|regex_search('\\\\d+') }} {{ 'x'|regex_search('\\\\d') }}") == "8080 None")
        #expect(try render("{{ 'k=v'|regex_search('(\\\\w)=(\\\\w)', '\\\\2', '\\\\1') }}") == "['v', 'k']")
        #expect(renderError("{{ 'x'|regex_replace('(', '') }}")?.kind == .value)
    }
}
