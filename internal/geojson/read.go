package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// ErrNotFeatureCollection is returned for JSON that is not a GeoJSON FeatureCollection.
var ErrNotFeatureCollection = errors.New("not a geojson featurecollection")

// ErrCRSAfterFeatures is returned when a collection's crs member comes after its features
// and names another CRS than the features were read in. A streaming reader cannot go back;
// every writer this package knows (GDAL, QGIS, this package) writes crs first.
var ErrCRSAfterFeatures = errors.New("crs member after the features")

// ReadOptions configure Read.
type ReadOptions struct {
	// DefaultSRID is the SRID of geometries when the collection has no crs member. Zero means
	// 4326: RFC 7946 coordinates are WGS 84 longitude/latitude. Set 4619 (SWEREF 99
	// geographic, within a metre of WGS 84) to use them with the geometry package's
	// transforms, which know SWEREF 99 but not WGS 84.
	DefaultSRID int
	// MaxFeatures stops the sequence with an error after that many features; 0 is no limit.
	MaxFeatures int64
}

// FeatureError is the error Read yields for a feature it cannot decode (its geometry or
// properties are malformed). The sequence goes on with the next feature if the caller keeps
// ranging; a syntax error in the JSON itself ends it.
type FeatureError struct {
	Index int64 // 1-based position in the collection
	Err   error
}

func (e *FeatureError) Error() string { return fmt.Sprintf("geojson: feature %d: %v", e.Index, e.Err) }

func (e *FeatureError) Unwrap() error { return e.Err }

// Read streams the features of a FeatureCollection from r, of any size, in constant memory:
// it walks the JSON tokens and decodes one feature at a time. Geometries carry the SRID of
// the collection's crs member (the 2008 GeoJSON form GDAL and QGIS write; a crs member on a
// geometry of its own wins), or ReadOptions.DefaultSRID without one.
func Read(r io.Reader, opts *ReadOptions) iter.Seq2[Feature, error] {
	var o ReadOptions
	if opts != nil {
		o = *opts
	}
	if o.DefaultSRID == 0 {
		o.DefaultSRID = 4326
	}
	return func(yield func(Feature, error) bool) {
		fail := func(err error) { yield(Feature{}, err) }
		dec := json.NewDecoder(r)
		dec.UseNumber()
		tok, err := dec.Token()
		if err != nil {
			fail(fmt.Errorf("geojson: %w", err))
			return
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			fail(fmt.Errorf("geojson: top level is %v, not an object: %w", tok, ErrNotFeatureCollection))
			return
		}
		srid := o.DefaultSRID
		sawFeatures := false
		typ := ""
		var n int64
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				fail(fmt.Errorf("geojson: %w", err))
				return
			}
			key, _ := tok.(string)
			switch key {
			case "type":
				if err := dec.Decode(&typ); err != nil {
					fail(fmt.Errorf("geojson: type: %w", err))
					return
				}
				if typ != "FeatureCollection" {
					fail(fmt.Errorf("geojson: type %q: %w", typ, ErrNotFeatureCollection))
					return
				}
			case "crs":
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					fail(fmt.Errorf("geojson: crs: %w", err))
					return
				}
				s, err := collectionCRS(raw, o.DefaultSRID)
				if err != nil {
					fail(err)
					return
				}
				if sawFeatures && n > 0 && s != srid {
					fail(fmt.Errorf("geojson: the features were read as epsg:%d, the crs member after them says epsg:%d: %w", srid, s, ErrCRSAfterFeatures))
					return
				}
				srid = s
			case "features":
				sawFeatures = true
				tok, err := dec.Token()
				if err != nil {
					fail(fmt.Errorf("geojson: features: %w", err))
					return
				}
				if tok == nil {
					continue // "features": null, read as none
				}
				if d, ok := tok.(json.Delim); !ok || d != '[' {
					fail(fmt.Errorf("geojson: features is %v, not an array: %w", tok, ErrNotFeatureCollection))
					return
				}
				for dec.More() {
					if o.MaxFeatures > 0 && n >= o.MaxFeatures {
						fail(fmt.Errorf("geojson: more than %d features", o.MaxFeatures))
						return
					}
					var raw rawFeature
					if err := dec.Decode(&raw); err != nil {
						fail(fmt.Errorf("geojson: feature %d: %w", n+1, err))
						return
					}
					n++
					f, err := raw.feature(srid)
					if err != nil {
						err = &FeatureError{Index: n, Err: err}
					}
					if !yield(f, err) {
						return
					}
				}
				if _, err := dec.Token(); err != nil { // ]
					fail(fmt.Errorf("geojson: features: %w", err))
					return
				}
			default:
				// bbox, name and foreign members.
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					fail(fmt.Errorf("geojson: member %q: %w", key, err))
					return
				}
			}
		}
		if _, err := dec.Token(); err != nil { // }
			fail(fmt.Errorf("geojson: %w", err))
			return
		}
		switch {
		case typ == "":
			fail(fmt.Errorf("geojson: no type member: %w", ErrNotFeatureCollection))
		case !sawFeatures:
			fail(fmt.Errorf("geojson: no features member: %w", ErrNotFeatureCollection))
		}
	}
}

// collectionCRS reads a collection's crs member through the geometry package, which knows
// every srsName form (and OGC CRS84, which is 4326).
func collectionCRS(raw json.RawMessage, def int) (int, error) {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return def, nil
	}
	// The geometry package reads crs members of geometries; give it an empty one that
	// carries this crs.
	probe := append(append([]byte(`{"type":"GeometryCollection","geometries":[],"crs":`), raw...), '}')
	g, err := geometry.UnmarshalGeoJSON(probe)
	if err != nil {
		return 0, fmt.Errorf("geojson: crs: %w", err)
	}
	return g.SRID(), nil
}

type rawFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

func (r rawFeature) feature(srid int) (Feature, error) {
	var f Feature
	if r.Type != "Feature" {
		return f, fmt.Errorf("type %q, not Feature: %w", r.Type, ErrNotFeatureCollection)
	}
	if len(r.ID) > 0 && !bytes.Equal(r.ID, []byte("null")) {
		id, err := decodeValue(r.ID)
		if err != nil {
			return f, fmt.Errorf("id: %w", err)
		}
		switch id.(type) {
		case string, int64, float64:
			f.ID = id
		default:
			return f, fmt.Errorf("id %s is neither a string nor a number: %w", r.ID, ErrValue)
		}
	}
	props, err := decodeProperties(r.Properties)
	if err != nil {
		return f, err
	}
	f.Properties = props
	if len(r.Geometry) > 0 && !bytes.Equal(bytes.TrimSpace(r.Geometry), []byte("null")) {
		g := geometry.GeoJSON{DefaultSRID: srid}
		if err := g.UnmarshalJSON(r.Geometry); err != nil {
			return f, fmt.Errorf("geometry: %w", err)
		}
		f.Geometry = g.Geometry
	}
	return f, nil
}

// decodeProperties reads a properties object keeping the members' order.
func decodeProperties(raw json.RawMessage) ([]Property, error) {
	if len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("properties: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("properties is not an object: %w", ErrValue)
	}
	var out []Property
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("properties: %w", err)
		}
		name, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("property %q: %w", name, err)
		}
		val, err := decodeValue(v)
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", name, err)
		}
		out = append(out, Property{Name: name, Value: val})
	}
	return out, nil
}

// decodeValue reads one JSON value: numbers become int64 when integral and in range, else
// float64.
func decodeValue(raw json.RawMessage) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return numbers(v), nil
}

func numbers(v any) any {
	switch t := v.(type) {
	case json.Number:
		s := t.String()
		if !strings.ContainsAny(s, ".eE") {
			if i, err := strconv.ParseInt(s, 10, 64); err == nil {
				return i
			}
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return s // out of float64 range: keep the digits
		}
		return f
	case map[string]any:
		for k, e := range t {
			t[k] = numbers(e)
		}
	case []any:
		for i, e := range t {
			t[i] = numbers(e)
		}
	}
	return v
}
