package geometry

import (
	"fmt"
	"strconv"
	"strings"
)

// SRSNameForm selects how an srsName is spelled, and tells which spelling was read.
type SRSNameForm int

// The srsName forms. URN is the zero value and what Lantmäteriet writes.
const (
	// URN is "urn:ogc:def:crs:EPSG::3006": EPSG axis order (northing first).
	URN SRSNameForm = iota
	// HTTPURI is "http://www.opengis.net/def/crs/EPSG/0/3006": EPSG axis order.
	HTTPURI
	// EPSGColon is the legacy "EPSG:3006"; its axis order is ambiguous in the wild.
	EPSGColon
	// EPSGXMLURL is the legacy "http://www.opengis.net/gml/srs/epsg.xml#3006"; its axis order is
	// ambiguous in the wild (GeoServer reads it as x/y).
	EPSGXMLURL
)

// String returns the lower-case name of the form.
func (f SRSNameForm) String() string {
	switch f {
	case URN:
		return "urn"
	case HTTPURI:
		return "http-uri"
	case EPSGColon:
		return "epsg-colon"
	case EPSGXMLURL:
		return "epsg-xml-url"
	}
	return fmt.Sprintf("srsnameform(%d)", int(f))
}

// AmbiguousAxisOrder reports whether software disagrees on the axis order of this form. The
// decoder still reads such coordinates in EPSG order (northing first, like Lantmäteriet), and
// the swapped-axis check rejects the easting-first input that some servers send with them.
func (f SRSNameForm) AmbiguousAxisOrder() bool {
	return f == EPSGColon || f == EPSGXMLURL
}

// FormatSRSName spells an EPSG code in the given form.
func FormatSRSName(code int, form SRSNameForm) string {
	c := strconv.Itoa(code)
	switch form {
	case HTTPURI:
		return "http://www.opengis.net/def/crs/EPSG/0/" + c
	case EPSGColon:
		return "EPSG:" + c
	case EPSGXMLURL:
		return "http://www.opengis.net/gml/srs/epsg.xml#" + c
	default:
		return "urn:ogc:def:crs:EPSG::" + c
	}
}

// ParseSRSName returns the registered CRS an srsName names. Accepted forms (case-insensitive,
// surrounding space ignored):
//
//	urn:ogc:def:crs:EPSG::3006            (also with a version: urn:ogc:def:crs:EPSG:6.18:3006)
//	urn:x-ogc:def:crs:EPSG:3006           (GML 3.1 era)
//	http://www.opengis.net/def/crs/EPSG/0/3006   (https too, any version)
//	EPSG:3006
//	http://www.opengis.net/gml/srs/epsg.xml#3006
//	urn:ogc:def:crs,crs:EPSG::3006,crs:EPSG::5613   (compound URN; gives 5845)
//
// The error wraps ErrInvalidSRSName when the string is in no known form and ErrUnknownCRS when
// the form is fine but the code is not registered.
func ParseSRSName(srsName string) (*CRS, error) {
	c, _, err := ParseSRSNameForm(srsName)
	return c, err
}

// ParseSRSNameForm is ParseSRSName that also reports which form the srsName had, so callers can
// tell whether its axis order is ambiguous.
func ParseSRSNameForm(srsName string) (*CRS, SRSNameForm, error) {
	code, form, err := parseSRSCode(srsName)
	if err != nil {
		return nil, form, err
	}
	c, err := Lookup(code)
	if err != nil {
		return nil, form, fmt.Errorf("srsName %q: %w", srsName, err)
	}
	return c, form, nil
}

// maxSRSNameLen bounds the work done on hostile attribute values; real srsNames are < 100 bytes.
const maxSRSNameLen = 256

func parseSRSCode(srsName string) (int, SRSNameForm, error) {
	s := strings.TrimSpace(srsName)
	invalid := func() (int, SRSNameForm, error) {
		q := s
		if len(q) > 80 {
			q = q[:80] + "…"
		}
		return 0, URN, fmt.Errorf("srsName %q: %w", q, ErrInvalidSRSName)
	}
	if s == "" || len(s) > maxSRSNameLen {
		return invalid()
	}
	l := strings.ToLower(s)
	switch {
	case strings.HasPrefix(l, "urn:ogc:def:crs,"):
		return parseCompoundURN(l[len("urn:ogc:def:crs,"):], invalid)
	case strings.HasPrefix(l, "urn:ogc:def:crs:epsg:"), strings.HasPrefix(l, "urn:x-ogc:def:crs:epsg:"):
		// urn:ogc:def:crs:EPSG:{version}:{code}; the version may be empty. The x-ogc variant of
		// GML 3.1 sometimes omits the version field altogether.
		rest := l[strings.Index(l, ":epsg:")+len(":epsg:"):]
		parts := strings.Split(rest, ":")
		if len(parts) > 2 || (len(parts) == 2 && !isVersion(parts[0])) {
			return invalid()
		}
		code, ok := parseCode(parts[len(parts)-1])
		if !ok {
			return invalid()
		}
		return code, URN, nil
	case strings.HasPrefix(l, "http://www.opengis.net/def/crs/epsg/"), strings.HasPrefix(l, "https://www.opengis.net/def/crs/epsg/"):
		rest := l[strings.Index(l, "/epsg/")+len("/epsg/"):]
		parts := strings.Split(rest, "/")
		if len(parts) != 2 || !isVersion(parts[0]) {
			return invalid()
		}
		code, ok := parseCode(parts[1])
		if !ok {
			return invalid()
		}
		return code, HTTPURI, nil
	case strings.HasPrefix(l, "http://www.opengis.net/gml/srs/epsg.xml#"):
		code, ok := parseCode(l[len("http://www.opengis.net/gml/srs/epsg.xml#"):])
		if !ok {
			return invalid()
		}
		return code, EPSGXMLURL, nil
	case strings.HasPrefix(l, "epsg:"):
		code, ok := parseCode(l[len("epsg:"):])
		if !ok {
			return invalid()
		}
		return code, EPSGColon, nil
	}
	return invalid()
}

// parseCompoundURN handles "crs:EPSG::3006,crs:EPSG::5613" (the part after "urn:ogc:def:crs,").
// Only a registered projected CRS plus RH 2000 maps to a code (the 5845–5857 family).
func parseCompoundURN(rest string, invalid func() (int, SRSNameForm, error)) (int, SRSNameForm, error) {
	parts := strings.Split(rest, ",")
	if len(parts) != 2 {
		return invalid()
	}
	var codes [2]int
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if !strings.HasPrefix(p, "crs:epsg:") {
			return invalid()
		}
		sub := strings.Split(p[len("crs:epsg:"):], ":")
		if len(sub) != 2 || !isVersion(sub[0]) {
			return invalid()
		}
		code, ok := parseCode(sub[1])
		if !ok {
			return invalid()
		}
		codes[i] = code
	}
	if codes[1] != RH2000 {
		return 0, URN, fmt.Errorf("compound srsName with vertical epsg:%d: %w", codes[1], ErrUnknownCRS)
	}
	c := compoundFor(codes[0])
	if c == nil {
		return 0, URN, fmt.Errorf("compound srsName epsg:%d + rh 2000: %w", codes[0], ErrUnknownCRS)
	}
	return c.Code, URN, nil
}

// isVersion accepts an empty version or dotted digits ("0", "6.18", "9.9.1").
func isVersion(v string) bool {
	if len(v) > 16 {
		return false
	}
	for _, r := range v {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

func parseCode(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}
