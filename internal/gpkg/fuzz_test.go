package gpkg

import (
	"testing"

	"github.com/twpayne/go-geom"
)

// FuzzDecodeGeometry feeds arbitrary bytes to the blob decoder and to the functions the R-tree
// triggers call on every row written: none may panic, and whatever decodes must encode again.
// Seeds: every sample geometry encoded here, plus testdata/fuzz/FuzzDecodeGeometry (GDAL's
// blobs, big-endian headers, every envelope variant, and hostile element counts).
func FuzzDecodeGeometry(f *testing.F) {
	for _, g := range sampleGeometries() {
		b, err := EncodeGeometry(g, 3006)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, _, _, _ = blobEnvelope(b)
		_, _ = blobIsEmpty(b)
		g, h, err := DecodeGeometry(b)
		if err != nil {
			return
		}
		if g == nil {
			t.Fatalf("nil geometry without error, header %+v", h)
		}
		if _, err := EncodeGeometry(g, int(h.SRSID)); err != nil {
			// Geometries with NaN or infinite ordinates decode but are refused on write.
			if !hasNonFinite(g) {
				t.Fatalf("decoded %T does not encode: %v", g, err)
			}
		}
	})
}

func hasNonFinite(g geom.T) bool {
	bad := false
	visitFlat(g, func(flat []float64, _ geom.Layout) {
		for _, v := range flat {
			if !finite(v) {
				bad = true
			}
		}
	})
	return bad
}
