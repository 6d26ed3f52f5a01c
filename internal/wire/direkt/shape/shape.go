// Package shape finds what a decoder left behind: the elements (XML) or
// members (JSON) of an answer that do not come back when the decoded wire
// structs are encoded again. Those are the parts of Lantmäteriet's answer
// the wire packages do not know, which a live test logs so that a schema
// change is noticed instead of silently ignored.
//
// Elements and members whose value is empty, false, 0 or null are not
// reported, since the encoders leave those out on purpose, and GML
// geometry is compared by package geometry's own tests, not here.
package shape

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// DroppedXML returns the element paths ("ByggnadResponse/ByggnadMember/
// Byggnad/framtida") present in in with a value but absent from out, sorted.
func DroppedXML(in, out []byte) ([]string, error) {
	a, err := xmlPaths(in)
	if err != nil {
		return nil, err
	}
	b, err := xmlPaths(out)
	if err != nil {
		return nil, err
	}
	return missing(a, b), nil
}

// xmlPaths collects the paths of elements that hold text or children,
// leaving out GML subtrees.
func xmlPaths(data []byte) (map[string]bool, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	paths := map[string]bool{}
	type frame struct {
		path    string
		content bool
	}
	var stack []frame
	skip := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return paths, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 || t.Name.Space == geometry.GMLNamespace {
				skip++
				if len(stack) > 0 {
					stack[len(stack)-1].content = true
				}
				continue
			}
			p := t.Name.Local
			if len(stack) > 0 {
				p = stack[len(stack)-1].path + "/" + p
			}
			stack = append(stack, frame{path: p})
		case xml.CharData:
			if skip == 0 && len(stack) > 0 && !zero(strings.TrimSpace(string(t))) {
				stack[len(stack)-1].content = true
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if f.content {
				paths[f.path] = true
				if len(stack) > 0 {
					stack[len(stack)-1].content = true
				}
			}
		}
	}
}

// DroppedJSON returns the member paths ("features/properties/framtida")
// present in in with a value but absent from out, sorted. Array indexes
// are left out of paths.
func DroppedJSON(in, out []byte) ([]string, error) {
	var a, b any
	if err := json.Unmarshal(in, &a); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(out, &b); err != nil {
		return nil, err
	}
	pa, pb := map[string]bool{}, map[string]bool{}
	jsonPaths(a, "", pa)
	jsonPaths(b, "", pb)
	return missing(pa, pb), nil
}

// geoJSONMembers hold geometries, compared elsewhere.
var geoJSONMembers = []string{"geometry", "geometri", "byggnadsyta", "centralpunktskoordinat"}

func jsonPaths(v any, prefix string, paths map[string]bool) bool {
	switch t := v.(type) {
	case map[string]any:
		found := false
		for k, c := range t {
			p := k
			if prefix != "" {
				p = prefix + "/" + k
			}
			if slices.Contains(geoJSONMembers, k) {
				if c != nil {
					paths[p] = true
					found = true
				}
				continue
			}
			if jsonPaths(c, p, paths) {
				paths[p] = true
				found = true
			}
		}
		return found
	case []any:
		found := false
		for _, c := range t {
			if jsonPaths(c, prefix, paths) {
				found = true
			}
		}
		return found
	case nil:
		return false
	case bool:
		return t
	case float64:
		return t != 0
	case string:
		return t != ""
	}
	return true
}

func zero(s string) bool { return s == "" || s == "0" || s == "false" }

func missing(a, b map[string]bool) []string {
	var out []string
	for p := range a {
		if !b[p] {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}
