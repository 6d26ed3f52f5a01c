package testenv

import (
	"bytes"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// OGRLayer is what `ogrinfo -so -al` says about one layer.
type OGRLayer struct {
	// Geometry is GDAL's name of the layer's geometry type ("Polygon",
	// "3D Multi Point"), "None" for an attribute table.
	Geometry string
	// Count is the layer's feature count.
	Count int
	// EPSG is the top-level EPSG code of the layer's SRS; 0 for none.
	EPSG int
}

var (
	reLayer = regexp.MustCompile(`(?m)^Layer name: (.+)$`)
	reGeom  = regexp.MustCompile(`(?m)^Geometry: (.+)$`)
	reCount = regexp.MustCompile(`(?m)^Feature Count: (\d+)$`)
	reEPSG  = regexp.MustCompile(`ID\["EPSG",(\d+)\]\]\s*$`)
)

// ParseOGRInfo reads the output of `ogrinfo -so -al` into its layers by
// name.
func ParseOGRInfo(out string) map[string]OGRLayer {
	layers := map[string]OGRLayer{}
	starts := reLayer.FindAllStringSubmatchIndex(out, -1)
	for i, s := range starts {
		end := len(out)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		block := out[s[0]:end]
		var l OGRLayer
		if m := reGeom.FindStringSubmatch(block); m != nil {
			l.Geometry = m[1]
		}
		if m := reCount.FindStringSubmatch(block); m != nil {
			l.Count, _ = strconv.Atoi(m[1])
		}
		// The SRS's own ID is the last one of the WKT block, just before
		// "Data axis…"; the IDs before it are its components'.
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

// RunOGRInfo runs GDAL's ogrinfo (found as OGRInfo finds it) with args and
// returns what it printed; a failed run fails the test.
func RunOGRInfo(t testing.TB, args ...string) (stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	cmd := exec.Command(OGRInfo(t), args...)
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Run(); err != nil {
		t.Fatalf("ogrinfo %s: %v: %s", strings.Join(args, " "), err, e.String())
	}
	return o.String(), e.String()
}

// OGRLayers opens the file at path read-only with ogrinfo and returns its
// layers by name. ogrinfo failing or printing an ERROR fails the test.
func OGRLayers(t testing.TB, path string) map[string]OGRLayer {
	t.Helper()
	out, stderr := RunOGRInfo(t, "-ro", "-so", "-al", path)
	if strings.Contains(stderr, "ERROR") {
		t.Fatalf("ogrinfo complains about %s: %s", path, stderr)
	}
	return ParseOGRInfo(out)
}
