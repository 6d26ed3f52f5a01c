// Command proj-compare checks the geometry package's projections against PROJ's cs2cs and
// times both on the same points.
//
// For each CRS it draws -n SWEREF 99 latitude/longitude points uniformly over the CRS's EPSG
// area of use (fixed seed), projects them with geometry and with
// "cs2cs -f %.6f EPSG:4619 EPSG:<code>", and reports the worst difference per coordinate; then
// it inverts the grid values with both and reports the worst difference in degrees. Timing:
// cs2cs is timed on the whole file (its process start-up, measured on a one-point file, is
// reported separately); geometry is timed in-process on the same points, both as pure
// arithmetic and as a text pipeline doing cs2cs's job (parse, project, format %.6f).
//
// It needs PROJ's command-line tools (Debian: apt-get install proj-bin) and is not part of CI.
// Run it with scripts/proj-compare/run.sh, which prints a Markdown report.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/geometry"
)

func main() {
	n := flag.Int("n", 20000, "points per CRS")
	cs2cs := flag.String("cs2cs", "cs2cs", "path of PROJ's cs2cs")
	codes := flag.String("crs", "3006,3008,3011,3014,3847", "comma-separated EPSG codes to compare")
	flag.Parse()
	if err := run(*cs2cs, *codes, *n); err != nil {
		fmt.Fprintln(os.Stderr, "proj-compare:", err)
		os.Exit(1)
	}
}

type result struct {
	crs                    *geometry.CRS
	worstN, worstE         float64 // metres
	worstAt                [2]float64
	worstLat, worstLon     float64 // degrees, inverse
	cs2csFwd, cs2csInv     time.Duration
	oursFwdNs, oursInvNs   float64
	oursTextNs, cs2csNsFwd float64
}

func run(cs2cs, codeList string, n int) error {
	version, err := exec.Command(cs2cs).CombinedOutput()
	if err != nil && len(version) == 0 {
		return fmt.Errorf("running %s: %w (install proj-bin)", cs2cs, err)
	}
	startup, err := timeCS2CS(cs2cs, "EPSG:4619", "EPSG:3006", "59 18\n")
	if err != nil {
		return err
	}
	var results []result
	for _, s := range strings.Split(codeList, ",") {
		code, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("crs %q: %w", s, err)
		}
		c, err := geometry.Lookup(code)
		if err != nil {
			return err
		}
		r, err := compare(cs2cs, c, n)
		if err != nil {
			return fmt.Errorf("epsg:%d: %w", code, err)
		}
		results = append(results, r)
	}

	firstLine := strings.SplitN(strings.TrimSpace(string(version)), "\n", 2)[0]
	fmt.Printf("PROJ: %s\n", firstLine)
	fmt.Printf("Go: %s %s/%s, %d CPUs\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Printf("Points per CRS: %d, uniform over the EPSG area of use (seed fixed); cs2cs start-up (1 point): %v\n\n", n, startup.Round(time.Millisecond))
	fmt.Println("| EPSG | CRS | worst ΔN (mm) | worst ΔE (mm) | worst inverse Δlat, Δlon (°) | cs2cs forward ns/point (file, incl. start-up) | geometry forward ns/point | geometry text pipeline ns/point | geometry inverse ns/point | ratio cs2cs / geometry text pipeline |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	var worst float64
	for _, r := range results {
		worst = math.Max(worst, math.Max(r.worstN, r.worstE))
		fmt.Printf("| %d | %s | %.4f | %.4f | %.1e, %.1e | %.0f | %.0f | %.0f | %.0f | %.1f× |\n",
			r.crs.Code, r.crs.Name, r.worstN*1000, r.worstE*1000, r.worstLat, r.worstLon,
			r.cs2csNsFwd, r.oursFwdNs, r.oursTextNs, r.oursInvNs, r.cs2csNsFwd/r.oursTextNs)
	}
	fmt.Printf("\nWorst difference over all CRSs and points: %.4f mm\n", worst*1000)
	return nil
}

func compare(cs2cs string, c *geometry.CRS, n int) (result, error) {
	r := result{crs: c}
	rng := rand.New(rand.NewPCG(uint64(c.Code), 4619))
	b := c.AreaOfUse
	ll := make([][2]float64, n)
	var in strings.Builder
	for i := range ll {
		ll[i] = [2]float64{b.South + rng.Float64()*(b.North-b.South), b.West + rng.Float64()*(b.East-b.West)}
		fmt.Fprintf(&in, "%.10f %.10f\n", ll[i][0], ll[i][1])
	}
	// The points as cs2cs reads them, so both sides project identical inputs.
	for i := range ll {
		ll[i][0], _ = strconv.ParseFloat(strconv.FormatFloat(ll[i][0], 'f', 10, 64), 64)
		ll[i][1], _ = strconv.ParseFloat(strconv.FormatFloat(ll[i][1], 'f', 10, 64), 64)
	}

	target := fmt.Sprintf("EPSG:%d", c.Code)
	start := time.Now()
	out, err := cs2csRun(cs2cs, "-f", "%.6f", "EPSG:4619", target, in.String())
	r.cs2csFwd = time.Since(start)
	if err != nil {
		return r, err
	}
	r.cs2csNsFwd = float64(r.cs2csFwd.Nanoseconds()) / float64(n)
	proj, err := parsePairs(out, n)
	if err != nil {
		return r, err
	}
	var grid strings.Builder
	for i, p := range ll {
		e, nn := c.FromGeographic(p[0], p[1])
		dn, de := math.Abs(nn-proj[i][0]), math.Abs(e-proj[i][1])
		if dn > r.worstN {
			r.worstN, r.worstAt = dn, p
		}
		if de > r.worstE {
			r.worstE, r.worstAt = de, p
		}
		fmt.Fprintf(&grid, "%.6f %.6f\n", proj[i][0], proj[i][1])
	}

	// Inverse: both invert PROJ's grid values.
	start = time.Now()
	out, err = cs2csRun(cs2cs, "-f", "%.12f", target, "EPSG:4619", grid.String())
	r.cs2csInv = time.Since(start)
	if err != nil {
		return r, err
	}
	back, err := parsePairs(out, n)
	if err != nil {
		return r, err
	}
	for i := range proj {
		lat, lon := c.ToGeographic(proj[i][1], proj[i][0])
		r.worstLat = math.Max(r.worstLat, math.Abs(lat-back[i][0]))
		r.worstLon = math.Max(r.worstLon, math.Abs(lon-back[i][1]))
	}

	r.oursFwdNs = timePerPoint(n, func() {
		for _, p := range ll {
			x, y := c.FromGeographic(p[0], p[1])
			sink += x + y
		}
	})
	r.oursInvNs = timePerPoint(n, func() {
		for _, p := range proj {
			lat, lon := c.ToGeographic(p[1], p[0])
			sink += lat + lon
		}
	})
	// The sums are read, so the timed projections cannot be optimised away.
	runtime.KeepAlive(sink)
	text := []byte(in.String())
	r.oursTextNs = timePerPoint(n, func() { textPipeline(c, text) })
	return r, nil
}

// sink collects the timed projections' results.
var sink float64

// textPipeline does what cs2cs does with a file: read "lat lon" lines, project, write "N E".
func textPipeline(c *geometry.CRS, in []byte) []byte {
	out := make([]byte, 0, len(in))
	sc := bufio.NewScanner(bytes.NewReader(in))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		lat, _ := strconv.ParseFloat(string(f[0]), 64)
		lon, _ := strconv.ParseFloat(string(f[1]), 64)
		e, n := c.FromGeographic(lat, lon)
		out = strconv.AppendFloat(out, n, 'f', 6, 64)
		out = append(out, '\t')
		out = strconv.AppendFloat(out, e, 'f', 6, 64)
		out = append(out, " 0.000000\n"...)
	}
	return out
}

// timePerPoint runs fn (one pass over n points) until at least half a second has passed.
func timePerPoint(n int, fn func()) float64 {
	fn() // warm up
	var passes int
	start := time.Now()
	for time.Since(start) < 500*time.Millisecond {
		fn()
		passes++
	}
	return float64(time.Since(start).Nanoseconds()) / float64(passes*n)
}

func timeCS2CS(cs2cs, from, to, input string) (time.Duration, error) {
	start := time.Now()
	_, err := cs2csRun(cs2cs, "-f", "%.6f", from, to, input)
	return time.Since(start), err
}

func cs2csRun(cs2cs, flagF, format, from, to, input string) (string, error) {
	cmd := exec.Command(cs2cs, flagF, format, from, to)
	cmd.Stdin = strings.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cs2cs %s %s: %w: %s", from, to, err, stderr.String())
	}
	return string(out), nil
}

// parsePairs reads the first two numbers of each cs2cs output line.
func parsePairs(out string, n int) ([][2]float64, error) {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != n {
		return nil, fmt.Errorf("cs2cs returned %d lines for %d points", len(lines), n)
	}
	res := make([][2]float64, n)
	for i, l := range lines {
		f := strings.Fields(l)
		if len(f) < 2 {
			return nil, fmt.Errorf("cs2cs line %d: %q", i+1, l)
		}
		a, err1 := strconv.ParseFloat(f[0], 64)
		b, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("cs2cs line %d: %q", i+1, l)
		}
		res[i] = [2]float64{a, b}
	}
	return res, nil
}
