package compare

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// The information-quality check of Lantmäteriet's buildings: what Lantmäteriet's onboarding
// asks a municipality to review before it goes live (are z values missing, is something
// missing), and what a GIS department checks in any building layer.

// Defaults of the quality check.
const (
	// DefaultMinArea is the footprint area, in m², below which a building is tiny: 1 m².
	// Nothing a person can enter is smaller (BAL asks for buildings of 15 m² or more and
	// allows smaller ones, the sheds of a few square metres), so a smaller footprint is a
	// slip of the digitiser (a double click, a sliver) or a placeholder, not a building.
	DefaultMinArea = 1.0
	// DefaultOverlapArea is the area, in m², two buildings must share to be reported as
	// overlapping: 1 m². Buildings do not overlap in plan, but neighbours sharing a wall
	// that was digitised twice a few centimetres apart share a sliver (5 cm along a 20 m
	// wall is 1 m²); those are noise at the accuracy of footprints, not errors to review.
	DefaultOverlapArea = 1.0
)

// Problem is a set of quality problems of one building.
type Problem uint16

// The problems the quality check finds.
const (
	// ProblemNoHeights: the footprint has no z values (RH 2000 heights), or some part lacks
	// them.
	ProblemNoHeights Problem = 1 << iota
	// ProblemNoAddress: no entrance of the building has an address point (one that is in the
	// input and not retired). Buildings exempt from addressing (undantagenFrånAdressättning)
	// are not checked.
	ProblemNoAddress
	// ProblemNoPurpose: the building has no byggnadsändamål.
	ProblemNoPurpose
	// ProblemNoGeometry: the building has no footprint at all.
	ProblemNoGeometry
	// ProblemInvalid: the footprint fails geometry.Validate (Finding.Invalid says how).
	ProblemInvalid
	// ProblemTiny: the footprint's area is below QualityOptions.MinArea.
	ProblemTiny
	// ProblemOverlap: the building shares more than QualityOptions.OverlapArea with others
	// (Finding.Overlaps).
	ProblemOverlap
	// ProblemDuplicate: another building has the same footprint within the duplicate
	// tolerance (Finding.Duplicates).
	ProblemDuplicate
)

// Problems lists every problem in report order.
var Problems = []Problem{ProblemNoHeights, ProblemNoAddress, ProblemNoPurpose, ProblemNoGeometry, ProblemInvalid, ProblemTiny, ProblemOverlap, ProblemDuplicate}

// Has reports whether every problem of q is in p.
func (p Problem) Has(q Problem) bool { return p&q == q }

// String returns the names of the problems joined by "+", e.g. "no_heights+no_address":
// "no_heights", "no_address", "no_purpose", "no_geometry", "invalid", "tiny",
// "overlapping", "duplicate".
func (p Problem) String() string {
	var names []string
	for _, q := range Problems {
		if p.Has(q) {
			names = append(names, problemName(q))
		}
	}
	return strings.Join(names, "+")
}

func problemName(p Problem) string {
	switch p {
	case ProblemNoHeights:
		return "no_heights"
	case ProblemNoAddress:
		return "no_address"
	case ProblemNoPurpose:
		return "no_purpose"
	case ProblemNoGeometry:
		return "no_geometry"
	case ProblemInvalid:
		return "invalid"
	case ProblemTiny:
		return "tiny"
	case ProblemOverlap:
		return "overlapping"
	case ProblemDuplicate:
		return "duplicate"
	}
	return fmt.Sprintf("problem(%d)", int(p))
}

// QualityOptions configure Quality. A nil *QualityOptions means the zero value.
type QualityOptions struct {
	// MinArea is the area in m² below which a footprint is tiny; 0 means DefaultMinArea and
	// a negative value turns the check off.
	MinArea float64
	// OverlapArea is the area in m² two buildings must share to be reported; 0 means
	// DefaultOverlapArea and a negative value reports any overlap.
	OverlapArea float64
	// DuplicateTolerance is how far apart, in millimetres, two footprints may be (their
	// Hausdorff distance) and still be duplicates; 0 means DefaultTolerance and a negative
	// value means 0.
	DuplicateTolerance float64
	// Validate configures the validity check (geometry.Validate); nil checks the Swedish
	// CRSs, the CRS's area of use, rings and self-intersections.
	Validate *geometry.ValidateOptions
	// IncludeRetired checks retired (Avregistrerad) buildings too; they are skipped by
	// default, and retired entrances and address points never give an address.
	IncludeRetired bool
	// TempDir is where footprints are spilled between the passes; "" means os.TempDir.
	TempDir string
	// Progress, when set, is called every ProgressEvery objects and at the end of each
	// phase: "read", "overlaps", "findings".
	Progress func(QualityProgress)
}

// QualityProgress reports how far a quality check has come.
type QualityProgress struct {
	Phase string
	// Objects counts the objects read, Buildings the buildings among them, Pairs the pairs
	// of buildings whose envelopes meet, Findings the findings yielded.
	Objects, Buildings, Pairs, Findings int64
}

// Overlap is another building a building overlaps.
type Overlap struct {
	// ID is the other building's objektidentitet.
	ID bal.ObjectID
	// Area is the area they share, in m².
	Area float64
}

// Finding is the quality check of one building.
type Finding struct {
	// ID is the building's objektidentitet, Status its objektstatus.
	ID     bal.ObjectID
	Status bal.Status
	// Problems are the problems found; zero for none. Checked are the problems that were
	// looked for: ProblemNoAddress only when the input had entrances, ProblemTiny only
	// when MinArea is not negative.
	Problems, Checked Problem
	// Footprint is the building's footprint (its parts' surfaces, a MultiPolygon for
	// several) in the CRS of the first building checked; nil without one.
	Footprint geom.T
	// Area is the footprint's area in m² (NaN without a footprint or when invalid).
	Area float64
	// Invalid lists the validity problems (geometry.Problem's String form).
	Invalid []string
	// Overlaps are the buildings it overlaps, Duplicates those with the same footprint.
	Overlaps   []Overlap
	Duplicates []bal.ObjectID
}

// Quality checks the information quality of Lantmäteriet's buildings: without z values,
// without an address, without a purpose, without or with an invalid or tiny footprint,
// overlapping others, duplicated. objects yields *building.Building, *building.Entrance and
// *address.Point values (an extract's items, or objects read from the services); anything
// else is skipped. Entrances and address points decide "without an address": with no
// entrances in the input that check is not made (Finding.Checked says so).
//
// It reads the input once, keeping a small record per building, entrance and address point
// in memory and the footprints in a temporary file; then it finds the pairs of buildings
// whose envelopes meet through a grid of cells (CellSize metres), compares each pair once,
// and yields one Finding per building checked, with or without problems, in input order.
//
// An *InputError (one bad object) is yielded and the check goes on if the caller keeps
// ranging; any other error, or ctx ending, is yielded last.
func Quality(ctx context.Context, objects iter.Seq2[any, error], opts *QualityOptions) iter.Seq2[Finding, error] {
	var o QualityOptions
	if opts != nil {
		o = *opts
	}
	return func(yield func(Finding, error) bool) {
		q, err := newQuality(o)
		if err != nil {
			yield(Finding{}, err)
			return
		}
		defer q.close()
		if err := q.run(ctx, objects, yield); err != nil && !errors.Is(err, errStop) {
			yield(Finding{}, err)
		}
	}
}

// CellSize is the side, in metres, of the grid cells that find buildings whose envelopes
// meet: a few plots wide, so that a cell holds tens of buildings in a town centre.
const CellSize = 100.0

// maxCells bounds the cells one envelope is entered in; a larger one (a footprint kilometres
// wide, surely an error) is compared with every building instead.
const maxCells = 4096

// qBuilding is what the check keeps in memory per building.
type qBuilding struct {
	id                     bal.ObjectID
	status                 bal.Status
	minX, minY, maxX, maxY float64
	area                   float64
	off                    int64
	size                   uint32
	problems               Problem
	exempt, valid, hasGeom bool
}

type quality struct {
	o                     QualityOptions
	minArea, overlap, dup float64
	checkTiny             bool
	file                  *os.File
	w                     *bufio.Writer
	size                  int64
	buf                   []byte
	srid                  int
	buildings             []qBuilding
	entrances             [][2]bal.ObjectID // building, address point
	points                map[bal.ObjectID]struct{}
	sawEntrances          bool
	pairs                 map[int32][]pairNote
	progress              QualityProgress
	lastReport            int64
}

// pairNote is something a building shares with another: an overlap (area) or a duplicate.
type pairNote struct {
	other     int32
	area      float64
	duplicate bool
}

func newQuality(o QualityOptions) (*quality, error) {
	q := &quality{o: o, points: map[bal.ObjectID]struct{}{}, pairs: map[int32][]pairNote{}}
	switch {
	case o.MinArea == 0:
		q.minArea, q.checkTiny = DefaultMinArea, true
	case o.MinArea > 0:
		q.minArea, q.checkTiny = o.MinArea, true
	}
	switch {
	case o.OverlapArea == 0:
		q.overlap = DefaultOverlapArea
	case o.OverlapArea > 0:
		q.overlap = o.OverlapArea
	}
	q.dup = toMetres(o.DuplicateTolerance, DefaultTolerance)
	f, err := os.CreateTemp(o.TempDir, "bal-quality-*.spill")
	if err != nil {
		return nil, fmt.Errorf("compare: quality spill file: %w", err)
	}
	q.file, q.w = f, bufio.NewWriterSize(f, 1<<16)
	return q, nil
}

func (q *quality) close() {
	if q.file != nil {
		name := q.file.Name()
		_ = q.file.Close()
		_ = os.Remove(name)
		q.file = nil
	}
}

func (q *quality) report(phase string, force bool) {
	if q.o.Progress == nil {
		return
	}
	q.progress.Phase = phase
	n := q.progress.Objects + q.progress.Pairs + q.progress.Findings
	if force || n-q.lastReport >= ProgressEvery {
		q.lastReport = n
		q.o.Progress(q.progress)
	}
}

func (q *quality) run(ctx context.Context, objects iter.Seq2[any, error], yield func(Finding, error) bool) error {
	bad := func(err error) error {
		if !yield(Finding{}, err) {
			return errStop
		}
		return nil
	}
	// Pass 1: read everything once.
	for o, err := range objects {
		if err != nil {
			if ie := (*InputError)(nil); errors.As(err, &ie) {
				if err := bad(ie); err != nil {
					return err
				}
				continue
			}
			return fmt.Errorf("compare: quality: %w", err)
		}
		q.progress.Objects++
		if q.progress.Objects%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		switch o := o.(type) {
		case *building.Building:
			if o == nil {
				continue
			}
			if err := q.addBuilding(o); err != nil {
				var ie *InputError
				if errors.As(err, &ie) {
					if err := bad(ie); err != nil {
						return err
					}
					continue
				}
				return err
			}
		case *building.Entrance:
			if o == nil {
				continue
			}
			q.sawEntrances = true
			if o.Address != nil && !o.Address.ID.IsZero() && o.Status != bal.StatusRetired {
				q.entrances = append(q.entrances, [2]bal.ObjectID{o.BuildingID, o.Address.ID})
			}
		case *address.Point:
			if o != nil && o.Status != bal.StatusRetired {
				q.points[o.ID] = struct{}{}
			}
		}
		q.report("read", false)
	}
	q.report("read", true)
	if err := q.w.Flush(); err != nil {
		return fmt.Errorf("compare: quality spill file: %w", err)
	}

	// Which buildings have an address.
	if q.sawEntrances {
		addressed := make(map[bal.ObjectID]struct{}, len(q.entrances))
		for _, e := range q.entrances {
			if _, ok := q.points[e[1]]; ok {
				addressed[e[0]] = struct{}{}
			}
		}
		q.entrances, q.points = nil, nil
		for i := range q.buildings {
			b := &q.buildings[i]
			if _, ok := addressed[b.id]; !ok && !b.exempt {
				b.problems |= ProblemNoAddress
			}
		}
	}

	// Pass 2: pairs of buildings whose envelopes meet.
	if err := q.pairsPass(ctx); err != nil {
		return err
	}
	q.report("overlaps", true)

	// Pass 3: the findings, in input order.
	checked := ProblemNoHeights | ProblemNoPurpose | ProblemNoGeometry | ProblemInvalid | ProblemOverlap | ProblemDuplicate
	if q.sawEntrances {
		checked |= ProblemNoAddress
	}
	if q.checkTiny {
		checked |= ProblemTiny
	}
	for i := range q.buildings {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		f, err := q.finding(int32(i), checked)
		if err != nil {
			return err
		}
		q.progress.Findings++
		if !yield(f, nil) {
			return errStop
		}
		q.report("findings", false)
	}
	q.report("findings", true)
	return nil
}

// addBuilding checks what one building shows by itself and spills its footprint.
func (q *quality) addBuilding(b *building.Building) error {
	if b.Status == bal.StatusRetired && !q.o.IncludeRetired {
		return nil
	}
	if len(q.buildings) >= math.MaxInt32 {
		return fmt.Errorf("compare: quality: more than %d buildings: %w", math.MaxInt32, errTooLarge)
	}
	q.progress.Buildings++
	r := qBuilding{id: b.ID, status: b.Status, exempt: b.ExemptFromAddressing, area: math.NaN()}
	if len(b.Purposes) == 0 {
		r.problems |= ProblemNoPurpose
	}
	var invalid []string
	var fp geom.T
	heights := true
	for i, p := range b.Parts {
		if p.Surface == nil {
			continue
		}
		if p.Surface.Layout().ZIndex() < 0 {
			heights = false
		}
		if err := geometry.Validate(p.Surface, q.o.Validate); err != nil {
			var ve *geometry.ValidationError
			if !errors.As(err, &ve) {
				return &InputError{Side: "lantmateriet", Ref: b.ID.String(), Err: err}
			}
			for _, pr := range ve.Problems {
				s := pr.String()
				if len(b.Parts) > 1 {
					s = fmt.Sprintf("part[%d].%s", i, s)
				}
				invalid = append(invalid, s)
			}
		}
	}
	fp = footprint(b.Parts)
	switch {
	case fp == nil || isEmpty(fp):
		r.problems |= ProblemNoGeometry
		fp = nil
	default:
		if !heights {
			r.problems |= ProblemNoHeights
		}
		if len(invalid) > 0 {
			r.problems |= ProblemInvalid
		}
		g, err := q.inCRS(fp)
		if err != nil {
			// A CRS the geometry package does not know: invalid, and left out of the
			// geometric checks.
			r.problems |= ProblemInvalid
			if len(invalid) == 0 {
				invalid = append(invalid, err.Error())
			}
			break
		}
		fp = g
		r.hasGeom = true
		r.valid = len(invalid) == 0
		r.minX, r.minY, r.maxX, r.maxY = envelope(fp)
		if r.valid {
			if a, err := geometry.Area(fp); err == nil {
				r.area = a
				if q.checkTiny && a < q.minArea {
					r.problems |= ProblemTiny
				}
			}
		}
	}
	b2, err := encodeQuality(q.buf[:0], fp, invalid)
	if err != nil {
		return &InputError{Side: "lantmateriet", Ref: b.ID.String(), Err: err}
	}
	q.buf = b2
	if _, err := q.w.Write(b2); err != nil {
		return fmt.Errorf("compare: quality spill file: %w", err)
	}
	r.off, r.size = q.size, uint32(len(b2))
	q.size += int64(len(b2))
	q.buildings = append(q.buildings, r)
	return nil
}

// inCRS returns g in the one projected CRS the check measures in: that of the first
// footprint (SWEREF 99 TM when the first is in degrees).
func (q *quality) inCRS(g geom.T) (geom.T, error) {
	c, err := geometry.Lookup(g.SRID())
	if err != nil {
		return nil, err
	}
	if q.srid == 0 {
		q.srid = c.Horizontal
		if c.Kind == geometry.Geographic {
			q.srid = geometry.SWEREF99TM
		}
	}
	if c.Horizontal == q.srid {
		return g, nil
	}
	return geometry.Transform(g, q.srid)
}

func envelope(g geom.T) (minX, minY, maxX, maxY float64) {
	minX, minY, maxX, maxY = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	flat, stride := g.FlatCoords(), g.Stride()
	for i := 0; i+1 < len(flat); i += stride {
		minX, maxX = min(minX, flat[i]), max(maxX, flat[i])
		minY, maxY = min(minY, flat[i+1]), max(maxY, flat[i+1])
	}
	return
}

type cell struct{ x, y int32 }

func cellOf(x, y float64) cell {
	return cell{int32(math.Floor(x / CellSize)), int32(math.Floor(y / CellSize))}
}

// pairsPass enters every footprint's envelope in the cells it covers and compares each pair
// of buildings whose envelopes meet once: in the cell holding the lower-left corner of the
// envelopes' intersection.
func (q *quality) pairsPass(ctx context.Context) error {
	grid := map[cell][]int32{}
	var large []int32
	for i := range q.buildings {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		b := &q.buildings[i]
		if !b.hasGeom {
			continue
		}
		lo, hi := cellOf(b.minX, b.minY), cellOf(b.maxX, b.maxY)
		if int64(hi.x-lo.x+1)*int64(hi.y-lo.y+1) > maxCells {
			large = append(large, int32(i))
			continue
		}
		for x := lo.x; x <= hi.x; x++ {
			for y := lo.y; y <= hi.y; y++ {
				c := cell{x, y}
				for _, j := range grid[c] {
					o := &q.buildings[j]
					if !meets(b, o) || cellOf(max(b.minX, o.minX), max(b.minY, o.minY)) != c {
						continue
					}
					if err := q.comparePair(j, int32(i)); err != nil {
						return err
					}
				}
				grid[c] = append(grid[c], int32(i))
			}
		}
	}
	// The large ones against everything.
	for k, i := range large {
		b := &q.buildings[i]
		for j := range q.buildings {
			o := &q.buildings[j]
			if int32(j) == i || !o.hasGeom || !meets(b, o) {
				continue
			}
			if slices.Contains(large[:k], int32(j)) { // pair already done
				continue
			}
			if err := q.comparePair(min(i, int32(j)), max(i, int32(j))); err != nil {
				return err
			}
		}
	}
	return nil
}

func meets(a, b *qBuilding) bool {
	return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY
}

// comparePair decides whether buildings i and j are duplicates or overlap.
func (q *quality) comparePair(i, j int32) error {
	q.progress.Pairs++
	q.report("overlaps", false)
	gi, _, err := q.load(i)
	if err != nil {
		return err
	}
	gj, _, err := q.load(j)
	if err != nil {
		return err
	}
	if d, _ := hausdorff(gi, gj); d <= q.dup {
		q.pairs[i] = append(q.pairs[i], pairNote{other: j, duplicate: true})
		q.pairs[j] = append(q.pairs[j], pairNote{other: i, duplicate: true})
		q.buildings[i].problems |= ProblemDuplicate
		q.buildings[j].problems |= ProblemDuplicate
		return nil
	}
	if !q.buildings[i].valid || !q.buildings[j].valid {
		return nil
	}
	a := overlapArea(gi, gj)
	if a <= q.overlap || a == 0 {
		return nil
	}
	q.pairs[i] = append(q.pairs[i], pairNote{other: j, area: a})
	q.pairs[j] = append(q.pairs[j], pairNote{other: i, area: a})
	q.buildings[i].problems |= ProblemOverlap
	q.buildings[j].problems |= ProblemOverlap
	return nil
}

func (q *quality) finding(i int32, checked Problem) (Finding, error) {
	b := &q.buildings[i]
	g, invalid, err := q.load(i)
	if err != nil {
		return Finding{}, err
	}
	f := Finding{ID: b.id, Status: b.status, Problems: b.problems, Checked: checked, Footprint: g, Area: b.area, Invalid: invalid}
	for _, n := range q.pairs[i] {
		other := q.buildings[n.other].id
		if n.duplicate {
			f.Duplicates = append(f.Duplicates, other)
		} else {
			f.Overlaps = append(f.Overlaps, Overlap{ID: other, Area: n.area})
		}
	}
	return f, nil
}

func (q *quality) load(i int32) (geom.T, []string, error) {
	b := &q.buildings[i]
	if cap(q.buf) < int(b.size) {
		q.buf = make([]byte, b.size)
	}
	buf := q.buf[:b.size]
	if _, err := q.file.ReadAt(buf, b.off); err != nil {
		return nil, nil, fmt.Errorf("compare: quality spill file: %w", err)
	}
	return decodeQuality(buf)
}

// The spill record of a building: the footprint as uvarint-prefixed EWKB (length 0 for
// none) and the validity problems as a uvarint count of uvarint-prefixed strings.

func encodeQuality(b []byte, g geom.T, invalid []string) ([]byte, error) {
	if g == nil {
		b = binary.AppendUvarint(b, 0)
	} else {
		w, err := geometry.MarshalEWKB(g)
		if err != nil {
			return nil, err
		}
		b = binary.AppendUvarint(b, uint64(len(w)))
		b = append(b, w...)
	}
	b = binary.AppendUvarint(b, uint64(len(invalid)))
	for _, s := range invalid {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b, nil
}

func decodeQuality(b []byte) (geom.T, []string, error) {
	bad := errors.New("compare: quality spill file: corrupt record")
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, bad
	}
	b = b[k:]
	var g geom.T
	if n > 0 {
		var err error
		if g, err = geometry.UnmarshalEWKB(b[:n]); err != nil {
			return nil, nil, fmt.Errorf("compare: quality spill file: %w", err)
		}
	}
	b = b[n:]
	c, k := binary.Uvarint(b)
	if k <= 0 || c > uint64(len(b)) {
		return nil, nil, bad
	}
	b = b[k:]
	var out []string
	for range c {
		l, k := binary.Uvarint(b)
		if k <= 0 || l > uint64(len(b)-k) {
			return nil, nil, bad
		}
		out = append(out, string(b[k:k+int(l)]))
		b = b[k+int(l):]
	}
	return g, out, nil
}
