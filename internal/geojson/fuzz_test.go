package geojson

import (
	"bytes"
	"io"
	"testing"
)

// FuzzRead feeds arbitrary bytes to the reader: it must never panic, and every feature it
// reads must write again. Seeds: the collections the tests write, and testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	if _, err := WriteAll(&buf, seqOf(sampleFeatures()...), &WriterOptions{CRS: 3006}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	buf.Reset()
	if _, err := WriteAll(&buf, seqOf(sampleFeatures()...), &WriterOptions{LonLatHeights: HeightsRH2000}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := NewWriter(io.Discard, &WriterOptions{CRS: 3006})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for feat, err := range Read(bytes.NewReader(data), &ReadOptions{MaxFeatures: 1000}) {
			if n++; n > 2000 {
				t.Fatal("the sequence does not end")
			}
			if err != nil {
				continue
			}
			// A feature read may not write in this CRS (another CRS, measures); it must not panic.
			_ = w.Write(feat)
		}
	})
}
