package geometry

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/twpayne/go-geom"
)

// benchPoints are latitude/longitude pairs spread over Sweden's area of use, fixed by seed.
func benchPoints(n int) [][2]float64 {
	r := rand.New(rand.NewPCG(3006, 4619))
	out := make([][2]float64, n)
	for i := range out {
		out[i] = [2]float64{sweden.South + r.Float64()*(sweden.North-sweden.South), sweden.West + r.Float64()*(sweden.East-sweden.West)}
	}
	return out
}

var sinkF float64

// BenchmarkForward is ns per point, lat/lon → SWEREF 99 TM.
func BenchmarkForward(b *testing.B) {
	tm, _ := Lookup(SWEREF99TM)
	pts := benchPoints(10000)
	b.ResetTimer()
	for i := range b.N {
		p := pts[i%len(pts)]
		n, e := tm.series.forward(p[0], p[1])
		sinkF += n + e
	}
}

// BenchmarkInverse is ns per point, SWEREF 99 TM → lat/lon, with the correction step that makes
// it the exact inverse of Forward.
func BenchmarkInverse(b *testing.B) {
	tm, _ := Lookup(SWEREF99TM)
	grid := gridPoints(tm, benchPoints(10000))
	b.ResetTimer()
	for i := range b.N {
		p := grid[i%len(grid)]
		lat, lon := tm.series.inverse(p[0], p[1])
		sinkF += lat + lon
	}
}

// BenchmarkInverseSeries is Lantmäteriet's inverse series alone, to show what the correction
// step costs.
func BenchmarkInverseSeries(b *testing.B) {
	tm, _ := Lookup(SWEREF99TM)
	grid := gridPoints(tm, benchPoints(10000))
	b.ResetTimer()
	for i := range b.N {
		p := grid[i%len(grid)]
		lat, lon := tm.series.inverseSeries(p[0], p[1])
		sinkF += lat + lon
	}
}

// BenchmarkTransformProjectionMethod is the exported TransverseMercator.Forward, which derives
// its constants per call.
func BenchmarkTransformProjectionMethod(b *testing.B) {
	tm, _ := Lookup(SWEREF99TM)
	p := *tm.Projection
	pts := benchPoints(10000)
	b.ResetTimer()
	for i := range b.N {
		q := pts[i%len(pts)]
		n, e := p.Forward(q[0], q[1])
		sinkF += n + e
	}
}

func gridPoints(c *CRS, ll [][2]float64) [][2]float64 {
	out := make([][2]float64, len(ll))
	for i, p := range ll {
		n, e := c.series.forward(p[0], p[1])
		out[i] = [2]float64{n, e}
	}
	return out
}

// bigPolygon is a 10 000-vertex ring in SWEREF 99 TM with millimetre coordinates.
func bigPolygon() *geom.Polygon {
	const n = 10000
	flat := make([]float64, 0, 2*(n+1))
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i%n) / n
		r := 800 + 50*math.Sin(7*a)
		flat = append(flat, math.Round((474162+r*math.Cos(a))*1000)/1000, math.Round((6762838+r*math.Sin(a))*1000)/1000)
	}
	return geom.NewPolygonFlat(geom.XY, flat, []int{len(flat)}).SetSRID(SWEREF99TM)
}

// footprints are 10 000 building footprints (5–13 vertices, mm coordinates, some with RH 2000
// heights), as a municipality's batch would hold.
func footprints() []geom.T {
	r := rand.New(rand.NewPCG(5845, 3006))
	out := make([]geom.T, 10000)
	for i := range out {
		k := 4 + r.IntN(9)
		e, n := 300000+r.Float64()*500000, 6200000+r.Float64()*1400000
		layout, stride := geom.XY, 2
		if i%2 == 1 {
			layout, stride = geom.XYZ, 3
		}
		flat := make([]float64, 0, (k+1)*stride)
		h := math.Round(r.Float64()*300000) / 1000
		for j := 0; j <= k; j++ {
			a := 2 * math.Pi * float64(j%k) / float64(k)
			flat = append(flat, math.Round((e+12*math.Cos(a))*1000)/1000, math.Round((n+9*math.Sin(a))*1000)/1000)
			if stride == 3 {
				flat = append(flat, h)
			}
		}
		srid := SWEREF99TM
		if stride == 3 {
			srid = SWEREF99TM_RH2000
		}
		out[i] = geom.NewPolygonFlat(layout, flat, []int{len(flat)}).SetSRID(srid)
	}
	return out
}

func BenchmarkMarshalGML(b *testing.B) {
	b.Run("polygon10k", func(b *testing.B) {
		p := bigPolygon()
		out, _ := MarshalGML(p, &GMLOptions{ID: "p"})
		b.SetBytes(int64(len(out)))
		b.ResetTimer()
		for range b.N {
			if _, err := MarshalGML(p, &GMLOptions{ID: "p"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("footprints10k", func(b *testing.B) {
		fs := footprints()
		var total int64
		for _, f := range fs {
			out, _ := MarshalGML(f, &GMLOptions{ID: "f"})
			total += int64(len(out))
		}
		b.SetBytes(total)
		b.ResetTimer()
		for range b.N {
			for _, f := range fs {
				if _, err := MarshalGML(f, &GMLOptions{ID: "f"}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

func BenchmarkUnmarshalGML(b *testing.B) {
	b.Run("polygon10k", func(b *testing.B) {
		in, _ := MarshalGML(bigPolygon(), &GMLOptions{ID: "p"})
		b.SetBytes(int64(len(in)))
		b.ResetTimer()
		for range b.N {
			if _, err := UnmarshalGML(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("footprints10k", func(b *testing.B) {
		var docs [][]byte
		var total int64
		for _, f := range footprints() {
			out, _ := MarshalGML(f, &GMLOptions{ID: "f"})
			docs = append(docs, out)
			total += int64(len(out))
		}
		b.SetBytes(total)
		b.ResetTimer()
		for range b.N {
			for _, d := range docs {
				if _, err := UnmarshalGML(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

func BenchmarkTransformPolygon10k(b *testing.B) {
	p := bigPolygon()
	b.SetBytes(0)
	b.ResetTimer()
	for range b.N {
		if _, err := Transform(p, SWEREF99_1800); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidatePolygon10k(b *testing.B) {
	p := bigPolygon()
	b.ResetTimer()
	for range b.N {
		if err := Validate(p, nil); err != nil {
			b.Fatal(err)
		}
	}
}
