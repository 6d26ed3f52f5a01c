package extract1

import "github.com/tjanstebaserad/bal-go/internal/wire/update1"

// EncodeObject returns o's element as the writer writes it.
func EncodeObject(o update1.Objekt) ([]byte, error) {
	var e encoder
	err := e.object(o)
	return e.buf, err
}
