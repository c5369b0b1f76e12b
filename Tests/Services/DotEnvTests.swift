import Blueprint
import Testing

@Suite struct DotEnvTests {
    @Test func readsPlainAssignments() {
        let env = DotEnv(parsing: "HOST=0.0.0.0\nPORT=9000\n")
        #expect(env.values == ["HOST": "0.0.0.0", "PORT": "9000"])
        #expect(env.problems.isEmpty)
    }

    @Test func skipsCommentsAndBlankLines() {
        let env = DotEnv(parsing: "# a comment\n\n   \n  # indented comment\nA=1\n")
        #expect(env.values == ["A": "1"])
        #expect(env.problems.isEmpty)
    }

    @Test func acceptsExportPrefix() {
        let env = DotEnv(parsing: "export A=1\nexport\tB=2\nexport=3\n")
        #expect(env.values == ["A": "1", "B": "2", "export": "3"])
    }

    @Test func trimsWhitespaceAroundKeysAndValues() {
        let env = DotEnv(parsing: "  A =  spaced value \t\n\tB\t=\tx\n")
        #expect(env.values == ["A": "spaced value", "B": "x"])
    }

    @Test func emptyValueIsEmptyString() {
        let env = DotEnv(parsing: "A=\nB= # only a comment\n")
        #expect(env.values == ["A": "", "B": ""])
    }

    @Test func inlineCommentNeedsPrecedingWhitespace() {
        let env = DotEnv(parsing: "A=value # comment\nB=a#b\nC=x\t# tab comment\nD=#not-a-comment\n")
        #expect(env.values == ["A": "value", "B": "a#b", "C": "x", "D": "#not-a-comment"])
    }

    @Test func singleQuotedValuesAreLiteral() {
        let env = DotEnv(parsing: #"A='a "b" \n # c'"# + "\nB='' # empty\n")
        #expect(env.values["A"] == #"a "b" \n # c"#)
        #expect(env.values["B"] == "")
        #expect(env.problems.isEmpty)
    }

    @Test func doubleQuotedValuesUnderstandEscapes() {
        let env = DotEnv(parsing: #"A="line1\nline2 \"q\" back\\slash \t tab # kept" # comment"#)
        #expect(env.values["A"] == "line1\nline2 \"q\" back\\slash \t tab # kept")
        #expect(env.problems.isEmpty)
    }

    @Test func unknownEscapeKeepsBackslash() {
        let env = DotEnv(parsing: #"A="C:\path\x""#)
        #expect(env.values["A"] == #"C:\path\x"#)
    }

    @Test func quotedValuesKeepInnerWhitespace() {
        let env = DotEnv(parsing: "A=\"  padded  \"\nB='  also  '\n")
        #expect(env.values == ["A": "  padded  ", "B": "  also  "])
    }

    @Test func laterAssignmentWins() {
        let env = DotEnv(parsing: "A=1\nA=2\n")
        #expect(env.values == ["A": "2"])
    }

    @Test func handlesCRLFAndCRLineEndings() {
        let env = DotEnv(parsing: "A=1\r\nB=2\rC=3\r\n")
        #expect(env.values == ["A": "1", "B": "2", "C": "3"])
    }

    @Test func ignoresByteOrderMark() {
        let env = DotEnv(parsing: "\u{FEFF}A=1\n")
        #expect(env.values == ["A": "1"])
    }

    @Test func reportsLineWithoutEquals() {
        let env = DotEnv(parsing: "A=1\n\njust some words\nB=2\n")
        #expect(env.values == ["A": "1", "B": "2"])
        #expect(env.problems == [DotEnv.Problem(line: 3, message: "expected KEY=value")])
        #expect(env.problems[0].description == ".env line 3: expected KEY=value")
    }

    @Test func reportsInvalidKeys() {
        let env = DotEnv(parsing: "1A=x\nMY KEY=y\n=z\nOK_2=fine\nbad-key=w\n")
        #expect(env.values == ["OK_2": "fine"])
        #expect(env.problems.map(\.line) == [1, 2, 3, 5])
    }

    @Test func reportsUnterminatedQuotesWithoutTheValue() {
        let env = DotEnv(parsing: "A=\"secret-value\nB='other-secret\nC=\"ends with backslash\\\"\n")
        #expect(env.values.isEmpty)
        #expect(env.problems.map(\.line) == [1, 2, 3])
        #expect(env.problems[0].message == "the double-quoted value of A has no closing quote")
        #expect(env.problems[1].message == "the single-quoted value of B has no closing quote")
        for problem in env.problems {
            #expect(!problem.description.contains("secret"))
        }
    }

    @Test func reportsTextAfterClosingQuote() {
        let env = DotEnv(parsing: "A=\"x\"y\nB='x' z\nC=\"ok\"   \n")
        #expect(env.values == ["C": "ok"])
        #expect(env.problems.map(\.line) == [1, 2])
        #expect(env.problems[0].message == "unexpected text after the closing quote of A")
    }

    @Test func keepsEqualsSignsInValues() {
        let env = DotEnv(parsing: "URL=https://x.test/?a=b&c=d\n")
        #expect(env.values["URL"] == "https://x.test/?a=b&c=d")
    }

    @Test func emptyTextHasNothing() {
        let env = DotEnv(parsing: "")
        #expect(env.values.isEmpty)
        #expect(env.problems.isEmpty)
    }
}
