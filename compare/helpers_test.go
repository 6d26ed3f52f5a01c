package compare_test

import (
	"bytes"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// ogrLayer is what `ogrinfo -so -al` says about one layer.
type ogrLayer struct {
	Count int
	EPSG  int // the top-level EPSG code of the layer's SRS; 0 for none
}

var (
	reLayer = regexp.MustCompile(`(?m)^Layer name: (.+)$`)
	reCount = regexp.MustCompile(`(?m)^Feature Count: (\d+)$`)
	reEPSG  = regexp.MustCompile(`ID\["EPSG",(\d+)\]\]\s*$`)
)

// ogrinfo runs GDAL's ogrinfo on a GeoPackage and returns its layers by name. It skips the
// test where GDAL is missing, and fails it under CI=true.
func ogrinfo(t *testing.T, path string) map[string]ogrLayer {
	t.Helper()
	bin := testenv.OGRInfo(t)
	var o, e bytes.Buffer
	cmd := exec.Command(bin, "-ro", "-so", "-al", path)
	cmd.Stdout, cmd.Stderr = &o, &e
	require.NoError(t, cmd.Run(), "ogrinfo: %s", e.String())
	require.NotContains(t, e.String(), "ERROR", "ogrinfo complains")
	out := o.String()
	layers := map[string]ogrLayer{}
	starts := reLayer.FindAllStringSubmatchIndex(out, -1)
	for i, s := range starts {
		end := len(out)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		block := out[s[0]:end]
		var l ogrLayer
		if m := reCount.FindStringSubmatch(block); m != nil {
			l.Count, _ = strconv.Atoi(m[1])
		}
		// The SRS's own ID is the last one of the WKT block, just before "Data axis…".
		if k := strings.Index(block, "Layer SRS WKT:"); k >= 0 {
			wkt := block[k:]
			if e := strings.Index(wkt, "Data axis"); e >= 0 {
				wkt = wkt[:e]
			}
			if m := reEPSG.FindStringSubmatch(strings.TrimSpace(wkt)); m != nil {
				l.EPSG, _ = strconv.Atoi(m[1])
			}
		}
		layers[out[s[2]:s[3]]] = l
	}
	return layers
}
