package extract1_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// samplePart is a small part file of each kind, written by the Writer from
// generated objects of every type, and the entries it holds.
type samplePart struct {
	name string
	data []byte
}

var samples = sync.OnceValue(func() []samplePart {
	d, err := gen.Generate(gen.Config{Seed: 3, Buildings: 100})
	if err != nil {
		panic(err)
	}
	objs, err := wiremap.ToWireAll(d.Objects())
	if err != nil {
		panic(err)
	}
	var out []samplePart
	write := func(name string, typ extract1.Uttagstyp, fill func(w *extract1.Writer)) {
		files := &memFiles{}
		w, err := extract1.NewWriter(files, &extract1.WriterOptions{Uttagstyp: typ, Skapad: time.Unix(0, 0)})
		if err != nil {
			panic(err)
		}
		fill(w)
		if err := w.Close(); err != nil {
			panic(err)
		}
		for _, f := range files.order {
			if f != extract1.ManifestName {
				out = append(out, samplePart{name + "/" + f, files.files[f].Bytes()})
			}
		}
	}
	// A few objects of each type.
	pick := map[update1.Objekttyp]int{}
	var few []update1.Objekt
	for _, o := range objs {
		if pick[o.Type()] < 2 {
			pick[o.Type()]++
			few = append(few, o)
		}
	}
	write("bas", extract1.Bas, func(w *extract1.Writer) {
		for _, o := range few {
			if err := w.Insert(o); err != nil {
				panic(err)
			}
		}
	})
	write("forandring", extract1.Forandring, func(w *extract1.Writer) {
		for i, o := range few {
			if i%3 != 2 {
				if err := w.Delete(o.Type(), o.Meta().Objektidentitet); err != nil {
					panic(err)
				}
			}
			if i%3 != 1 {
				if err := w.Insert(o); err != nil {
					panic(err)
				}
			}
		}
	})
	return out
})

// memFiles keeps the files of an extract in memory.
type memFiles struct {
	files map[string]*bytes.Buffer
	order []string
}

func (m *memFiles) Create(name string) (io.WriteCloser, error) {
	if m.files == nil {
		m.files = map[string]*bytes.Buffer{}
	}
	b := &bytes.Buffer{}
	m.files[name] = b
	m.order = append(m.order, name)
	return nopWriteCloser{b}, nil
}

func (m *memFiles) Close() error { return nil }

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

func TestPartReaderAgreesWithEncodingXML(t *testing.T) {
	t.Parallel()
	for _, s := range samples() {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			require.NotEmpty(t, checkPart(t, s.data))
		})
	}
}

// FuzzPart feeds arbitrary bytes to PartReader and to encoding/xml: they
// must agree (PartReader may refuse more, and says so), and neither may
// panic.
func FuzzPart(f *testing.F) {
	for _, s := range samples() {
		f.Add(s.data)
		f.Add(s.data[:len(s.data)/2])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPart(t, data)
	})
}

// FuzzRenderedPart writes the sample parts again with the choices the
// fuzzer makes (namespace prefixes, redundant declarations, entity and
// character references, CDATA sections, comments, white space, quotes,
// empty-element tags), all of which leave the meaning alone: both readers
// must read every variant, to the same entries as the original.
func FuzzRenderedPart(f *testing.F) {
	f.Add(uint8(0), []byte{})
	f.Add(uint8(1), []byte{1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add(uint8(0), bytes.Repeat([]byte{0xff, 0x13, 0x80, 0x7f}, 64))
	f.Add(uint8(1), bytes.Repeat([]byte{2, 1, 3, 0, 5}, 100))
	f.Fuzz(func(t *testing.T, which uint8, choices []byte) {
		s := samples()[int(which)%len(samples())]
		want := checkPart(t, s.data)
		require.NotEmpty(t, want)
		doc, err := render(s.data, &chooser{b: choices})
		require.NoError(t, err)
		got := checkPart(t, doc)
		if diff := cmp.Diff(want, got, geomEqual); diff != "" {
			t.Fatalf("the rendered part reads differently:\n%s\n%s", diff, trunc(doc))
		}
	})
}

// chooser makes choices from the fuzzer's bytes; 0 (the plain choice) once
// they run out.
type chooser struct {
	b []byte
	i int
}

func (c *chooser) pick(n int) int {
	if c.i >= len(c.b) {
		return 0
	}
	v := int(c.b[c.i]) % n
	c.i++
	return v
}

// render writes the document data again, with the same meaning, making
// every choice through c.
func render(data []byte, c *chooser) ([]byte, error) {
	toks, err := stdTokensAll(data)
	if err != nil {
		return nil, err
	}
	// elementOnly[i]: the element started at token i has child elements
	// (so white space inside it means nothing).
	elementOnly := map[int]bool{}
	var open []int
	for i, tok := range toks {
		switch tok.(type) {
		case xml.StartElement:
			if len(open) > 0 {
				elementOnly[open[len(open)-1]] = true
			}
			open = append(open, i)
		case xml.EndElement:
			open = open[:len(open)-1]
		}
	}
	r := &renderer{c: c}
	var out bytes.Buffer
	out.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	var stack []renderScope
	parentElementOnly := true
	for i, tok := range toks {
		switch t := tok.(type) {
		case xml.StartElement:
			if parentElementOnly {
				r.space(&out)
			}
			sc := r.start(&out, t, stack, i+1 < len(toks) && isEnd(toks[i+1]))
			stack = append(stack, sc)
			parentElementOnly = elementOnly[i]
			if sc.selfClosed {
				continue
			}
		case xml.EndElement:
			sc := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if sc.selfClosed {
				parentElementOnly = true
				continue
			}
			if parentElementOnly {
				r.space(&out)
			}
			out.WriteString("</" + sc.qname)
			if c.pick(3) == 1 {
				out.WriteString(r.ws())
			}
			out.WriteString(">")
			parentElementOnly = true
		case xml.CharData:
			r.text(&out, string(t))
		}
	}
	out.WriteString("\n")
	return out.Bytes(), nil
}

func isEnd(t xml.Token) bool { _, ok := t.(xml.EndElement); return ok }

// stdTokensAll is encoding/xml's tokens with attributes, declarations
// dropped (render declares its own).
func stdTokensAll(data []byte) ([]xml.Token, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []xml.Token
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			se := xml.StartElement{Name: t.Name}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue
				}
				se.Attr = append(se.Attr, a)
			}
			out = append(out, se)
		case xml.EndElement:
			out = append(out, t)
		case xml.CharData:
			if len(out) == 0 {
				continue // before the root
			}
			out = append(out, xml.CopyToken(t))
		}
	}
}

type renderScope struct {
	qname      string
	bindings   map[string]string // prefix → namespace declared here
	selfClosed bool
}

type renderer struct {
	c     *chooser
	fresh int
}

func (r *renderer) ws() string {
	return []string{" ", "\n", "\t", "\r\n", "  \n\t "}[r.c.pick(5)]
}

// space writes white space, a comment or a processing instruction, or
// nothing, between elements.
func (r *renderer) space(out *bytes.Buffer) {
	switch r.c.pick(6) {
	case 1:
		out.WriteString(r.ws())
	case 2:
		out.WriteString("<!-- " + strconv.Itoa(r.fresh) + " -->")
	case 3:
		out.WriteString("<?balgo x?>")
	case 4:
		out.WriteString(r.ws() + "<!---->" + r.ws())
	}
}

// lookup returns the namespace bound to prefix in the scopes.
func lookup(stack []renderScope, prefix string) (string, bool) {
	for i := len(stack) - 1; i >= 0; i-- {
		if ns, ok := stack[i].bindings[prefix]; ok {
			return ns, true
		}
	}
	return "", false
}

func (r *renderer) start(out *bytes.Buffer, t xml.StartElement, stack []renderScope, empty bool) renderScope {
	sc := renderScope{bindings: map[string]string{}}
	ns := t.Name.Space
	prefix := ""
	switch r.c.pick(4) {
	case 0: // the default namespace, declared if it is not already
		if cur, ok := lookup(stack, ""); !ok || cur != ns {
			sc.bindings[""] = ns
		}
	case 1: // a conventional prefix
		prefix = "bal"
		if ns == "http://www.opengis.net/gml/3.2" {
			prefix = "gml"
		}
		if cur, ok := lookup(stack, prefix); !ok || cur != ns {
			sc.bindings[prefix] = ns
		}
	case 2: // a fresh prefix
		r.fresh++
		prefix = "n" + strconv.Itoa(r.fresh)
		sc.bindings[prefix] = ns
	case 3: // the default namespace, declared again
		sc.bindings[""] = ns
		if r.c.pick(2) == 1 {
			sc.bindings["bal"] = ns
		}
	}
	if ns == "" {
		prefix = ""
		sc.bindings[""] = ""
	}
	sc.qname = t.Name.Local
	if prefix != "" {
		sc.qname = prefix + ":" + t.Name.Local
	}
	out.WriteString("<" + sc.qname)
	attrs := make([]string, 0, len(t.Attr)+len(sc.bindings))
	for _, p := range sortedKeys(sc.bindings) {
		name := "xmlns"
		if p != "" {
			name += ":" + p
		}
		attrs = append(attrs, name+"="+r.attrValue(sc.bindings[p]))
	}
	scopes := append(append([]renderScope(nil), stack...), sc)
	for _, a := range t.Attr {
		name := a.Name.Local
		if a.Name.Space != "" {
			p := prefixFor(scopes, a.Name.Space)
			if p == "" {
				r.fresh++
				p = "a" + strconv.Itoa(r.fresh)
				sc.bindings[p] = a.Name.Space
				attrs = append(attrs, "xmlns:"+p+"="+r.attrValue(a.Name.Space))
			}
			name = p + ":" + name
		}
		attrs = append(attrs, name+r.eq()+r.attrValue(a.Value))
	}
	for i, a := range attrs {
		if i == 0 || r.c.pick(2) == 0 {
			out.WriteString(r.ws()[:1])
		}
		out.WriteString(a)
	}
	if r.c.pick(3) == 1 {
		out.WriteString(r.ws())
	}
	if empty && r.c.pick(2) == 1 {
		out.WriteString("/>")
		sc.selfClosed = true
		return sc
	}
	out.WriteString(">")
	return sc
}

func (r *renderer) eq() string {
	switch r.c.pick(3) {
	case 1:
		return " = "
	case 2:
		return "\n=\t"
	}
	return "="
}

// prefixFor returns a non-empty prefix bound to ns in the scopes, or "".
func prefixFor(scopes []renderScope, ns string) string {
	for i := len(scopes) - 1; i >= 0; i-- {
		for _, p := range sortedKeys(scopes[i].bindings) {
			if p != "" && scopes[i].bindings[p] == ns {
				if cur, _ := lookup(scopes, p); cur == ns {
					return p
				}
			}
		}
	}
	return ""
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// attrValue quotes v, escaping what must be and, as chosen, more.
func (r *renderer) attrValue(v string) string {
	q := byte('"')
	if r.c.pick(2) == 1 {
		q = '\''
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, ch := range v {
		switch {
		case ch == '<' || ch == '&' || ch == '\r' || ch == rune(q):
			b.WriteString(r.ref(ch, true))
		default:
			if r.c.pick(8) == 1 {
				b.WriteString(r.ref(ch, false))
			} else {
				b.WriteRune(ch)
			}
		}
	}
	b.WriteByte(q)
	return b.String()
}

// ref writes ch as a reference: a named entity where there is one, a
// decimal or hexadecimal character reference.
func (r *renderer) ref(ch rune, must bool) string {
	named := map[rune]string{'<': "&lt;", '>': "&gt;", '&': "&amp;", '\'': "&apos;", '"': "&quot;"}
	n := r.c.pick(3)
	if s, ok := named[ch]; ok && n == 0 {
		return s
	}
	if n == 1 || must && n == 0 {
		return "&#" + strconv.Itoa(int(ch)) + ";"
	}
	return "&#x" + strconv.FormatInt(int64(ch), 16) + ";"
}

// text writes character data in pieces: escaped text, CDATA sections and
// comments between them.
func (r *renderer) text(out *bytes.Buffer, s string) {
	for len(s) > 0 {
		n := len(s)
		if r.c.pick(3) == 1 {
			n = 1 + r.c.pick(len(s))
		}
		for n < len(s) && !utf8RuneStart(s[n]) {
			n++
		}
		piece := s[:n]
		s = s[n:]
		switch r.c.pick(4) {
		case 1:
			if !strings.Contains(piece, "]]>") && !strings.ContainsRune(piece, '\r') {
				out.WriteString("<![CDATA[" + piece + "]]>")
				break
			}
			fallthrough
		default:
			var b strings.Builder
			prev2 := ""
			for _, ch := range piece {
				switch {
				case ch == '<' || ch == '&' || ch == '\r' || ch == '>' && strings.HasSuffix(prev2, "]]"):
					b.WriteString(r.ref(ch, true))
				case r.c.pick(8) == 1:
					b.WriteString(r.ref(ch, false))
				default:
					b.WriteRune(ch)
				}
				prev2 = (prev2 + string(ch))
				if len(prev2) > 2 {
					prev2 = prev2[len(prev2)-2:]
				}
			}
			out.WriteString(b.String())
		}
		if len(s) > 0 && r.c.pick(4) == 1 {
			out.WriteString("<!--c-->")
		}
	}
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
