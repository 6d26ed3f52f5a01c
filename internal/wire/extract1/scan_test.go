package extract1_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
)

// Documents where encoding/xml's rules are easy to get wrong; checkTokens
// runs each through both and compares.
var tokenCases = []struct {
	name, doc string
}{
	{"default namespace", `<a xmlns="urn:x"><b/></a>`},
	{"prefix", `<p:a xmlns:p="urn:x"><p:b p:c="1" d="2"/></p:a>`},
	{"redundant declarations", `<a xmlns="urn:x" xmlns:p="urn:x"><p:b xmlns="urn:x" xmlns:p="urn:x"/><b/></a>`},
	{"redeclared prefix", `<p:a xmlns:p="urn:x"><p:b xmlns:p="urn:y"><p:c/></p:b><p:d/></p:a>`},
	{"undeclared prefix kept", `<gml:Point><gml:pos>1 2</gml:pos></gml:Point>`},
	{"default undeclared", `<a xmlns="urn:x"><b xmlns=""><c/></b></a>`},
	{"prefix bound to empty", `<a xmlns:p=""><p:b/></a>`},
	{"xml prefix", `<a xml:lang="sv"/>`},
	{"xmlns as an element", `<xmlns/>`},
	{"xmlns prefix on an element", `<xmlns:a/>`},
	{"prefix bound to xmlns", `<a xmlns:p="xmlns" p:b="1"><p:c/></a>`},
	{"entities", `<a b="&lt;&gt;&amp;&apos;&quot;">&lt;&gt;&amp;&apos;&quot;</a>`},
	{"character references", `<a b="&#65;&#x42;&#x10FFFF;">&#65;&#x43;&#x1F600;&#xD800;</a>`},
	{"reference to nul", `<a>&#0;</a>`},
	{"reference beyond unicode", `<a>&#x110000;</a>`},
	{"reference uppercase X", `<a>&#X41;</a>`},
	{"reference without semicolon", `<a>&#65 x</a>`},
	{"unknown entity", `<a>&nbsp;</a>`},
	{"empty entity", `<a>&;</a>`},
	{"bare ampersand", `<a>a & b</a>`},
	{"ampersand at the end", `<a>a &</a>`},
	{"cdata", `<a><![CDATA[<b>&amp;]]]]><![CDATA[>]]></a>`},
	{"cdata with carriage returns", "<a><![CDATA[x\r\ny\rz]]></a>"},
	{"empty cdata", `<a><![CDATA[]]></a>`},
	{"bad cdata", `<a><![CDAT[x]]></a>`},
	{"carriage returns", "<a b=\"1\r\n2\r3\">x\r\ny\r\rz\r</a>"},
	{"carriage return before a reference", "<a>x\r&amp;\ny</a>"},
	{"tabs and newlines in attributes", "<a b=\"\t\n\"/>"},
	{"single quotes", `<a b='1"2' c="3'4"/>`},
	{"no space between attributes", `<a b="1"c="2"/>`},
	{"space around =", "<a b \n= \t'1'/>"},
	{"space before the end of a tag", "<a \n></a >"},
	{"unquoted attribute", `<a b=1/>`},
	{"attribute without value", `<a b/>`},
	{"slash then space", `<a / >`},
	{"lt in an attribute", `<a b="<"/>`},
	{"gt in an attribute", `<a b=">"/>`},
	{"cdata end in an attribute", `<a b="]]>"/>`},
	{"cdata end in text", `<a>]]></a>`},
	{"almost cdata end in text", `<a>]] > ]]&gt; ]&#93;></a>`},
	{"comments", `<a><!-- x --><!----><!-- - --><b/>x<!--y-->z</a>`},
	{"double hyphen in a comment", `<a><!-- a -- b --></a>`},
	{"comment ending in three hyphens", `<a><!-- a ---></a>`},
	{"comment beginning with a hyphen", `<a><!---> x --></a>`},
	{"xml declaration", `<?xml version="1.0" encoding="UTF-8"?><a/>`},
	{"xml declaration in latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`},
	{"xml version 1.1", `<?xml version="1.1"?><a/>`},
	{"processing instruction", `<a><?x-y z?>t</a>`},
	{"processing instruction without target", `<a><? z?></a>`},
	{"doctype", `<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`},
	{"other directive", `<!ELEMENT a ANY><a/>`},
	{"control character", "<a>\x01</a>"},
	{"control character in an attribute", "<a b=\"\x1f\"/>"},
	{"invalid utf-8", "<a>\xff</a>"},
	{"utf-8 surrogate", "<a>\xed\xa0\x80</a>"},
	{"noncharacter", "<a>\uFFFE</a>"},
	{"byte order mark", "\uFEFF<a/>"},
	{"non-ascii names", `<år ö="1"><Gällande/></år>`},
	{"name starting with a digit", `<1a/>`},
	{"name starting with a combining mark", "<\u0301a/>"},
	{"name with a middle dot", "<a\u00b7b/>"},
	{"colon names", `<:a :b="1"><a: b:="2"/></:a>`},
	{"two colons", `<a:b:c/>`},
	{"mismatched end", `<a></b>`},
	{"mismatched prefix", `<p:a xmlns:p="u" xmlns:q="u"></q:a>`},
	{"end without start", `</a>`},
	{"unclosed", `<a><b></b>`},
	{"truncated tag", `<a><b`},
	{"truncated attribute", `<a b="1`},
	{"truncated comment", `<a><!-- x`},
	{"truncated cdata", `<a><![CDATA[x`},
	{"lt space", `< a/>`},
	{"two roots", `<a/><b/>`},
	{"text at the top", `x<a/>y`},
	{"gt in text", `<a>></a>`},
	{"quote in a name", `<a"b/>`},
}

func TestScannerAgreesWithEncodingXML(t *testing.T) {
	t.Parallel()
	for _, tc := range tokenCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkTokens(t, []byte(tc.doc))
		})
	}
}

func FuzzScanner(f *testing.F) {
	for _, tc := range tokenCases {
		f.Add([]byte(tc.doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkTokens(t, data)
	})
}

// TestErrorPosition: an error names the line and byte offset where the
// offending token starts, whatever came before: newlines in text, in
// attribute values, in CDATA, comments and processing instructions, in
// text with references (rewritten) and in tags.
func TestErrorPosition(t *testing.T) {
	t.Parallel()
	prefix := "<?xml version=\"1.0\"?>\n<!-- a\ncomment -->\n<a b=\"1\n2\"\n c='3'>x\ny &amp;\r\nz<![CDATA[\n\n]]>\n<?pi a\nb?><b\n/>\n"
	for _, bad := range []string{"</c>", "<d e=1/>", "&bogus;", "\x01"} {
		t.Run(bad, func(t *testing.T) {
			t.Parallel()
			doc := prefix + bad + "</a>"
			_, err := extract1.ScanTokens([]byte(doc))
			var e *extract1.Error
			require.ErrorAs(t, err, &e)
			at := strings.Index(doc, bad)
			if bad == "&bogus;" || bad == "\x01" {
				at = strings.LastIndex(doc[:at], ">") + 1 // the text token starts after the tag
			}
			assert.Equal(t, int64(at), e.Offset, "offset")
			assert.Equal(t, int64(1+strings.Count(doc[:at], "\n")), e.Line, "line")
		})
	}
}
