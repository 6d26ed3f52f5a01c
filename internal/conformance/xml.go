package conformance

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// element is an XML element as compared: its resolved name, its attributes
// without namespace declarations, its child elements in order, and its text
// when it has no child elements.
type element struct {
	name     xml.Name
	attrs    map[xml.Name]string
	children []*element
	text     string
}

// parseXML reads the document's root element; prefixes are resolved to
// namespaces by encoding/xml, declarations dropped, whitespace between
// elements ignored.
func parseXML(doc []byte) (*element, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	var stack []*element
	var root *element
	var text strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, errors.New("more than one root element")
			}
			e := &element{name: t.Name, attrs: map[xml.Name]string{}}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				e.attrs[a.Name] = a.Value
			}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, e)
			} else {
				root = e
			}
			stack = append(stack, e)
			text.Reset()
		case xml.CharData:
			if len(stack) > 0 {
				text.Write(t)
			}
		case xml.EndElement:
			e := stack[len(stack)-1]
			if len(e.children) == 0 {
				e.text = text.String()
			} else if strings.TrimSpace(text.String()) != "" {
				// Mixed content: keep it, so that it is compared too.
				e.text = text.String()
			}
			text.Reset()
			stack = stack[:len(stack)-1]
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// CompareXML reports how got differs in meaning from want: elements by
// namespace and local name, in order; attributes (namespace declarations
// aside) by name and value; values trimmed, and numbers by value. Prefixes,
// the XML declaration, comments and whitespace between elements do not
// matter. It returns nil when they are equal.
func CompareXML(want, got []byte, opts ...Option) error {
	w, err := parseXML(want)
	if err != nil {
		return fmt.Errorf("want: %w", err)
	}
	g, err := parseXML(got)
	if err != nil {
		return fmt.Errorf("got: %w", err)
	}
	var d diffs
	compareElements(&d, newOptions(opts), w.name.Local, w, g)
	return d.err()
}

func compareElements(d *diffs, o *options, p string, w, g *element) {
	if w.name != g.name {
		d.addf("%s: element %s, want %s", p, showName(g.name), showName(w.name))
		return
	}
	for _, n := range sortedNames(w.attrs, g.attrs) {
		wv, wok := w.attrs[n]
		gv, gok := g.attrs[n]
		ap := p + "/@" + n.Local
		switch {
		case !gok && o.isDefault(ap, wv), !wok && o.isDefault(ap, gv):
		case !gok:
			d.addf("%s: missing, want %s", ap, quote(wv))
		case !wok:
			d.addf("%s: unexpected %s", ap, quote(gv))
		case !sameText(o.value(ap, wv), o.value(ap, gv)):
			d.addf("%s: %s, want %s", ap, quote(gv), quote(wv))
		}
	}
	if !sameText(o.value(p, w.text), o.value(p, g.text)) {
		d.addf("%s: value %s, want %s", p, quote(strings.TrimSpace(g.text)), quote(strings.TrimSpace(w.text)))
	}
	// Children in order; where names part, say which is missing or extra
	// rather than reporting every later element.
	i, j := 0, 0
	extra := o.extraElementsAt(p)
	for i < len(w.children) || j < len(g.children) {
		switch {
		case extra && j < len(g.children) && (i == len(w.children) || w.children[i].name != g.children[j].name):
			j++ // a child the wanted document leaves open
		case i == len(w.children):
			d.addf("%s: unexpected element %s", p, showName(g.children[j].name))
			j++
		case j == len(g.children):
			d.addf("%s: missing element %s", p, showName(w.children[i].name))
			i++
		case w.children[i].name == g.children[j].name:
			compareElements(d, o, p+"/"+w.children[i].name.Local, w.children[i], g.children[j])
			i, j = i+1, j+1
		case indexOf(g.children[j:], w.children[i].name) < 0:
			d.addf("%s: missing element %s (got %s there)", p, showName(w.children[i].name), showName(g.children[j].name))
			i++
		default:
			d.addf("%s: unexpected element %s (want %s there)", p, showName(g.children[j].name), showName(w.children[i].name))
			j++
		}
	}
}

func indexOf(list []*element, n xml.Name) int {
	for i, e := range list {
		if e.name == n {
			return i
		}
	}
	return -1
}

func sortedNames(a, b map[xml.Name]string) []xml.Name {
	var out []xml.Name
	for n := range a {
		out = append(out, n)
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(x, y xml.Name) int {
		if c := strings.Compare(x.Space, y.Space); c != 0 {
			return c
		}
		return strings.Compare(x.Local, y.Local)
	})
	return out
}

func showName(n xml.Name) string {
	if n.Space == "" {
		return "<" + n.Local + ">"
	}
	return "<{" + n.Space + "}" + n.Local + ">"
}
