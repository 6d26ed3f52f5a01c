package extract1

import (
	"bytes"
	"encoding/xml"

	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// EncodeObject returns o's element as the writer writes it.
func EncodeObject(o update1.Objekt) ([]byte, error) {
	var e encoder
	err := e.object(o)
	return e.buf, err
}

// ScanTokens returns the tokens the scanner reads from data, as
// encoding/xml's Decoder.Token would return them (comments, processing
// instructions and directives left out).
func ScanTokens(data []byte) ([]xml.Token, error) {
	s := newScanner()
	s.reset(bytes.NewReader(data), 0)
	var out []xml.Token
	for {
		if err := s.next(); err != nil {
			return out, err
		}
		switch s.kind {
		case tokEOF:
			return out, nil
		case tokStart:
			se := xml.StartElement{Name: xml.Name{Space: s.nsName(s.space), Local: string(s.local)}, Attr: []xml.Attr{}}
			for _, a := range s.attrs {
				se.Attr = append(se.Attr, xml.Attr{Name: xml.Name{Space: s.nsName(a.space), Local: string(a.local)}, Value: string(a.value)})
			}
			out = append(out, se)
		case tokEnd:
			out = append(out, xml.EndElement{Name: xml.Name{Space: s.nsName(s.space), Local: string(s.local)}})
		case tokText:
			out = append(out, xml.CharData(bytes.Clone(s.text)))
		}
	}
}
