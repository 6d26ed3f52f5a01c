package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// CompareJSON reports how got differs in meaning from want: objects by
// their members whatever the order, arrays element by element, numbers by
// value; spacing does not matter. Paths name members ("features/properties/
// objektidentitet"); array positions are not part of a path. It returns nil
// when they are equal.
func CompareJSON(want, got []byte, opts ...Option) error {
	w, err := parseJSON(want)
	if err != nil {
		return fmt.Errorf("want: %w", err)
	}
	g, err := parseJSON(got)
	if err != nil {
		return fmt.Errorf("got: %w", err)
	}
	var d diffs
	compareJSON(&d, newOptions(opts), "", w, g)
	return d.err()
}

func parseJSON(doc []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one value")
	}
	return v, nil
}

func join(p, name string) string {
	if p == "" {
		return name
	}
	return p + "/" + name
}

func show(p string) string {
	if p == "" {
		return "(root)"
	}
	return p
}

func compareJSON(d *diffs, o *options, p string, w, g any) {
	switch wv := w.(type) {
	case map[string]any:
		gv, ok := g.(map[string]any)
		if !ok {
			d.addf("%s: %s, want an object", show(p), kind(g))
			return
		}
		var names []string
		for k := range wv {
			names = append(names, k)
		}
		for k := range gv {
			if _, ok := wv[k]; !ok {
				names = append(names, k)
			}
		}
		slices.Sort(names)
		for _, k := range names {
			wm, wok := wv[k]
			gm, gok := gv[k]
			switch {
			case !gok:
				d.addf("%s: missing member", join(p, k))
			case !wok && !o.extraMembers:
				d.addf("%s: unexpected member", join(p, k))
			case !wok:
			default:
				compareJSON(d, o, join(p, k), wm, gm)
			}
		}
	case []any:
		gv, ok := g.([]any)
		if !ok {
			d.addf("%s: %s, want an array", show(p), kind(g))
			return
		}
		if len(wv) != len(gv) {
			d.addf("%s: %d elements, want %d", show(p), len(gv), len(wv))
		}
		for i := range min(len(wv), len(gv)) {
			compareJSON(d, o, p, wv[i], gv[i])
		}
	default:
		ws, wok := scalar(w)
		gs, gok := scalar(g)
		if !gok || kind(w) != kind(g) {
			d.addf("%s: %s, want %s", show(p), kind(g), kind(w))
			return
		}
		if wok && !sameText(o.value(p, ws), o.value(p, gs)) {
			d.addf("%s: %s, want %s", show(p), quote(gs), quote(ws))
		}
	}
}

// scalar returns a JSON scalar as text; null is "null".
func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "null", true
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "?"
}
