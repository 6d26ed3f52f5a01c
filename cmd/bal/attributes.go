package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// attributes is an SDK object as ordered fields, for `get`: the exported
// fields in declaration order (embedded ones flattened, as bal.Meta's id,
// version and status), named in lowerCamelCase after the Go fields (so the
// names follow `go doc`, e.g. building.Building's ConstructionYear is
// constructionYear), zero values left out, times in RFC 3339, identities
// as strings and geometries as GeoJSON in their own CRS (with the 2008 crs
// member naming it).
type attributes []field

type field struct {
	name  string
	value any // attributes, []any, string, bool, numbers, json.RawMessage
}

// MarshalJSON writes the fields as an object in their order.
func (as attributes) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range as {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.name)
		v, err := json.Marshal(f.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	geomType   = reflect.TypeFor[geom.T]()
	textMarsh  = reflect.TypeFor[encoding.TextMarshaler]()
	maxAttrDep = 12
)

// attributesOf converts v (a pointer to an SDK struct).
func attributesOf(v any) (attributes, error) {
	x, err := convert(reflect.ValueOf(v), 0)
	if err != nil {
		return nil, err
	}
	as, _ := x.(attributes)
	return as, nil
}

// convert returns v's output form, nil for a zero value.
func convert(v reflect.Value, depth int) (any, error) {
	if depth > maxAttrDep || !v.IsValid() {
		return nil, nil
	}
	if v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, nil
		}
		if v.Type().Implements(geomType) {
			return geoJSON(v.Interface().(geom.T))
		}
		if v.Kind() == reflect.Interface {
			return convert(v.Elem(), depth)
		}
	}
	t := v.Type()
	switch {
	case t == timeType:
		tm := v.Interface().(time.Time)
		if tm.IsZero() {
			return nil, nil
		}
		return tm.Format(time.RFC3339Nano), nil
	case t.Implements(textMarsh) && v.Kind() != reflect.Pointer:
		if v.IsZero() {
			return nil, nil
		}
		b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		return string(b), err
	}
	switch v.Kind() {
	case reflect.Pointer:
		return convert(v.Elem(), depth+1)
	case reflect.Struct:
		var out attributes
		if err := structFields(v, &out, depth); err != nil {
			return nil, err
		}
		if len(out) == 0 {
			return nil, nil
		}
		return out, nil
	case reflect.Slice, reflect.Array:
		if v.Len() == 0 {
			return nil, nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 && v.Kind() == reflect.Slice {
			return nil, nil // raw bytes are not attributes
		}
		out := make([]any, 0, v.Len())
		for i := range v.Len() {
			x, err := convert(v.Index(i), depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	case reflect.Map:
		if v.Len() == 0 {
			return nil, nil
		}
		m := map[string]any{}
		for it := v.MapRange(); it.Next(); {
			x, err := convert(it.Value(), depth+1)
			if err != nil {
				return nil, err
			}
			m[fmt.Sprint(it.Key().Interface())] = x
		}
		return m, nil
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return nil, nil
	}
	if v.IsZero() {
		return nil, nil
	}
	return v.Interface(), nil
}

func structFields(v reflect.Value, out *attributes, depth int) error {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		fv := v.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct && sf.Type != timeType && !sf.Type.Implements(textMarsh) {
			if err := structFields(fv, out, depth); err != nil {
				return err
			}
			continue
		}
		x, err := convert(fv, depth+1)
		if err != nil {
			return fmt.Errorf("%s: %w", sf.Name, err)
		}
		if x != nil {
			*out = append(*out, field{lowerCamel(sf.Name), x})
		}
	}
	return nil
}

// geoJSON writes g with its coordinates as they are (easting or longitude
// first), its CRS named by the 2008 crs member.
func geoJSON(g geom.T) (any, error) {
	b, err := geometry.MarshalGeoJSON(g, geometry.GeoJSONGrid)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(b), nil
}

// lowerCamel turns a Go field name into lowerCamelCase: ID → id,
// ValidFrom → validFrom, SRID → srid, IDNumber → idNumber.
func lowerCamel(s string) string {
	r := []rune(s)
	n := 0
	for n < len(r) && unicode.IsUpper(r[n]) {
		n++
	}
	switch {
	case n == 0:
		return s
	case n == 1 || n == len(r):
		n = max(n, 1)
	default:
		n-- // the last capital starts the next word
	}
	for i := range n {
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}

// writePaths writes the attributes as "path value" lines for the table
// form, nested fields and list items by dotted paths and indexes.
func writePaths(w io.Writer, prefix string, v any) {
	switch x := v.(type) {
	case attributes:
		for _, f := range x {
			writePaths(w, join(prefix, f.name), f.value)
		}
	case []any:
		for i, e := range x {
			writePaths(w, prefix+"["+strconv.Itoa(i)+"]", e)
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			writePaths(w, join(prefix, k), x[k])
		}
	case json.RawMessage:
		fmt.Fprintf(w, "%s\t%s\n", prefix, summariseGeoJSON(x))
	default:
		fmt.Fprintf(w, "%s\t%v\n", prefix, x)
	}
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// summariseGeoJSON says what a geometry is without its coordinates, e.g.
// "Polygon, 5 points, EPSG:3006".
func summariseGeoJSON(b json.RawMessage) string {
	g, err := geometry.UnmarshalGeoJSON(b)
	if err != nil {
		return string(b)
	}
	kind := reflect.TypeOf(g).Elem().Name()
	s := fmt.Sprintf("%s, %d points", kind, len(g.FlatCoords())/max(g.Stride(), 1))
	if g.SRID() != 0 {
		s += fmt.Sprintf(", EPSG:%d", g.SRID())
	}
	return s
}
