package geometry

import (
	"math"

	"github.com/twpayne/go-geom"
)

// RoundCoordinates returns a copy of g with X, Y and Z rounded to the given number of decimals
// (3 = millimetres in a grid CRS, the precision Lantmäteriet publishes). M values are left
// alone. Rounding after Transform gives output that is identical on every platform, where the
// last bits of a projection may differ between CPU architectures.
func RoundCoordinates(g geom.T, decimals int) geom.T {
	if g == nil {
		return nil
	}
	scale := math.Pow(10, float64(decimals))
	zi := g.Layout().ZIndex()
	out, err := mapCoords(g, func(flat []float64, stride int) {
		for i := 0; i+stride <= len(flat); i += stride {
			flat[i] = math.Round(flat[i]*scale) / scale
			flat[i+1] = math.Round(flat[i+1]*scale) / scale
			if zi >= 0 {
				flat[i+zi] = math.Round(flat[i+zi]*scale) / scale
			}
		}
	})
	if err != nil {
		return g
	}
	return out
}
