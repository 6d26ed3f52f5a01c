package geometry_test

import "encoding/xml"

func xmlMarshal(v any) (string, error) {
	b, err := xml.Marshal(v)
	return string(b), err
}
