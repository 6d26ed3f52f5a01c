package extract1

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// MaxManifestBytes bounds the manifest: it lists the part files, a few
// hundred bytes each.
const MaxManifestBytes = 4 << 20

// Manifest is the extract's manifest, uttag.xml: what kind of extract it
// is, when it was compiled, its coordinate system, the change-feed position
// it is consistent with, and its part files.
type Manifest struct {
	// XMLName names the root in Namespace.
	XMLName xml.Name `xml:"http://namespace.lantmateriet.se/distribution/produkter/baluttag/v1 Uttag"`
	// Uttagstyp is BAS or FORANDRING.
	Uttagstyp Uttagstyp `xml:"uttagstyp"`
	// Skapad is when the extract was compiled: every object is as it was
	// then.
	Skapad update1.Tidpunkt `xml:"skapad,omitempty"`
	// Koordinatsystem is the srsName of the plane coordinate system,
	// "urn:ogc:def:crs:EPSG::3006" or a local SWEREF 99 zone.
	Koordinatsystem string `xml:"koordinatsystem,omitempty"`
	// Hojdsystem is the height system of z values, "RH 2000".
	Hojdsystem string `xml:"hojdsystem,omitempty"`
	// Fortsattning is the change-feed position (checkpoint) the extract is
	// consistent with: a follower that loads it resumes the feed from here.
	Fortsattning string `xml:"fortsattning,omitempty"`
	// Del lists the part files in reading order.
	Del []ManifestDel `xml:"Del"`
}

// ManifestDel is one part file in the manifest.
type ManifestDel struct {
	// Fil is the part file's name, "byggnad_1.xml".
	Fil string `xml:"fil"`
	// Mangd is its information set.
	Mangd Mangd `xml:"mangd"`
	// Delnummer is its number within the information set.
	Delnummer int `xml:"delnummer"`
	// Antal is the number of entries (objects, and deletes) in it.
	Antal int64 `xml:"antal"`
	// Storlek is its size in bytes, uncompressed.
	Storlek int64 `xml:"storlek"`
}

// Marshal writes the manifest as a document.
func (m *Manifest) Marshal() ([]byte, error) {
	b, err := xml.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("extract1: manifest: %w", err)
	}
	return append(append([]byte(xml.Header), b...), '\n'), nil
}

// ParseManifest reads a manifest, at most MaxManifestBytes, and checks it:
// the root, the uttagstyp, and part files named as their information set
// and number say, each once.
func ParseManifest(r io.Reader) (*Manifest, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxManifestBytes+1))
	if err != nil {
		return nil, &Error{Kind: KindIO, Msg: "reading the manifest", Err: err}
	}
	if len(b) > MaxManifestBytes {
		return nil, &Error{Kind: KindTooLarge, Msg: fmt.Sprintf("a manifest larger than %d bytes", MaxManifestBytes)}
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	var m Manifest
	if err := d.Decode(&m); err != nil {
		line, _ := d.InputPos()
		var se *xml.SyntaxError
		kind := KindStructure
		if errors.As(err, &se) {
			kind = KindSyntax
		}
		return nil, &Error{Kind: kind, Line: int64(line), Offset: d.InputOffset(), Msg: "manifest", Err: err}
	}
	if !m.Uttagstyp.Valid() {
		return nil, &Error{Kind: KindValue, Msg: fmt.Sprintf("manifest: uttagstyp %q, want BAS or FORANDRING", trunc(string(m.Uttagstyp)))}
	}
	seen := map[string]bool{}
	for i, p := range m.Del {
		mg, n, ok := ParsePartName(p.Fil)
		if !ok || mg != p.Mangd || n != p.Delnummer {
			return nil, &Error{Kind: KindValue, Msg: fmt.Sprintf("manifest: part %d: file %q is not part %d of %q", i+1, trunc(p.Fil), p.Delnummer, trunc(string(p.Mangd)))}
		}
		if seen[PartName(mg, n)] {
			return nil, &Error{Kind: KindValue, Msg: fmt.Sprintf("manifest: part %s listed twice", PartName(mg, n))}
		}
		seen[PartName(mg, n)] = true
		if p.Antal < 0 || p.Storlek < 0 {
			return nil, &Error{Kind: KindValue, Msg: fmt.Sprintf("manifest: part %s: negative count or size", PartName(mg, n))}
		}
	}
	return &m, nil
}
