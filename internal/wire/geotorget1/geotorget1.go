// Package geotorget1 holds the JSON documents of Geotorget Nedladdning v1
// (shared/spec/lantmateriet-api.md §6.1 and corrections §6): the order, the
// delivery and the entries of a file listing, as package delivery decodes
// them and bal/baltest writes them. The field names and shapes are
// documented by Lantmäteriet; the failure statuses MISSLYCKAD and MAKULERAD
// are INFERRED (a public client treats them as terminal failures).
//
// Timestamps are written like "2026-11-29T22:38:12": Swedish local time
// with no offset. Parse reads that and any RFC 3339 form.
package geotorget1

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
	_ "time/tzdata" // Europe/Stockholm on hosts without a zone database (Windows)
)

// Base is the service's base path under the API host.
const Base = "/geotorget/nedladdning/v1"

// Delivery statuses (status).
const (
	StatusSucceeded  = "LYCKAD"
	StatusInProgress = "PÅGÅENDE"
	StatusFailed     = "MISSLYCKAD"
	StatusCancelled  = "MAKULERAD"
)

// Delivery types (typ), also the typ query parameter of POST …/leverans.
const (
	TypeBase   = "BAS"
	TypeChange = "FORANDRING"
)

// Entry types (type) of a file listing.
const (
	// MediaListing marks a sub-listing: GET its path and descend.
	MediaListing = "application/json"
	// MediaFile marks a file to download.
	MediaFile = "application/octet-stream"
)

// Order is GET /{OrderID}.
type Order struct {
	Objektidentitet    string             `json:"objektidentitet"`
	Ordermarkning      string             `json:"ordermarkning"`
	Arendenummer       Text               `json:"arendenummer"`
	Kundnummer         Text               `json:"kundnummer"`
	Leveransepost      string             `json:"leveransepost"`
	Skapad             string             `json:"skapad"`
	Abonnemang         bool               `json:"abonnemang"`
	Produktnamn        string             `json:"produktnamn"`
	Produktnummer      Text               `json:"produktnummer"`
	ProduktTyp         string             `json:"produktTyp"`
	Status             string             `json:"status,omitempty"`
	Produktinformation Produktinformation `json:"produktinformation"`
	SenasteHandelse    string             `json:"senasteHandelse,omitempty"`
}

// Produktinformation is the order's product information.
type Produktinformation struct {
	StodjerForandring bool `json:"stodjerForandring"`
}

// Delivery is GET /{OrderID}/leverans/latest.
type Delivery struct {
	Objektidentitet string `json:"objektidentitet"`
	Skapad          string `json:"skapad"`
	Uppdaterad      string `json:"uppdaterad,omitempty"`
	Status          string `json:"status"`
	Typ             string `json:"typ"`
}

// Entry is one element of a file listing's JSON array.
type Entry struct {
	Title       string `json:"title"`
	Type        string `json:"type"`
	Path        string `json:"path"`
	Length      int64  `json:"length"`
	DisplaySize string `json:"displaySize"`
	Updated     string `json:"updated"`
}

// Text is a string the service may also write as a number (kundnummer,
// arendenummer): both decode to the same text.
type Text string

// UnmarshalJSON accepts a JSON string or number.
func (t *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return errors.New("geotorget1: empty value")
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = Text(s)
	case string(b) == "null":
		*t = ""
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("geotorget1: want a string or a number: %w", err)
		}
		*t = Text(n.String())
	}
	return nil
}

// Stockholm is the zone Lantmäteriet writes its timestamps in.
var Stockholm = mustLoad("Europe/Stockholm")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// time/tzdata is linked in, so this cannot happen.
		panic(err)
	}
	return loc
}

// localLayout is how the service writes a timestamp.
const localLayout = "2006-01-02T15:04:05"

// FormatTime writes t as the service does: Swedish local time, whole
// seconds, no offset. The zero time is the empty string.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Stockholm).Format(localLayout)
}

// ParseTime reads a timestamp: without an offset it is Swedish local time;
// with one (any RFC 3339 form) it is taken as written. The empty string is
// the zero time.
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, Stockholm)
	if err != nil {
		return time.Time{}, fmt.Errorf("geotorget1: timestamp %s is neither local time nor RFC 3339", strconv.Quote(truncate(s, 40)))
	}
	return t, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// DisplaySize writes a length as the listing's displaySize does: binary
// units, at most one decimal ("100 MB", "17.9 MB"). Lantmäteriet's exact
// rule is not public; the examples fit this one.
func DisplaySize(n int64) string {
	units := []string{"B", "KB", "MB", "GB", "TB"}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return strconv.FormatFloat(float64(int64(v*10+0.5))/10, 'f', -1, 64) + " " + units[u]
}
