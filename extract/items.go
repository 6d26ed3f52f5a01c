package extract

import (
	"context"
	"errors"
	"io"
	"iter"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// Kind says what an Item does to the object it names.
type Kind int

// The kinds of Item.
const (
	// Insert (tillägg) carries the object as it is: every item of a base
	// extract, and in a change extract a new or changed object.
	Insert Kind = iota + 1
	// Delete (borttag) removes the object: in a change extract a removed
	// object, or a changed one, whose Insert follows.
	Delete
)

func (k Kind) String() string {
	switch k {
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "kind(?)"
}

// Item is one entry of an extract: an object to insert, with exactly one of
// the object fields set to it, or a delete of the object Type/ID, with none
// set.
type Item struct {
	// Kind is Insert or Delete.
	Kind Kind
	// Type is the object's type.
	Type bal.ObjectType
	// ID is the object's objektidentitet.
	ID bal.ObjectID

	// Building is the inserted building (Byggnad).
	Building *building.Building
	// Entrance is the inserted entrance (Entré).
	Entrance *building.Entrance
	// Apartment is the inserted apartment (Lägenhet).
	Apartment *building.Apartment
	// Point is the inserted address point (Adressplats).
	Point *address.Point
	// Area is the inserted address area (Adressområde).
	Area *address.Area
	// CourtyardArea is the inserted courtyard area (Gårdsadressområde).
	CourtyardArea *address.CourtyardArea
	// District is the inserted district (Kommundel).
	District *address.District

	// Part is the part file the entry is in, and Line its line there.
	Part string
	Line int64
}

// Object returns the inserted object (a *building.Building,
// *address.Point …), or nil for a delete.
func (it Item) Object() any {
	switch {
	case it.Building != nil:
		return it.Building
	case it.Entrance != nil:
		return it.Entrance
	case it.Apartment != nil:
		return it.Apartment
	case it.Point != nil:
		return it.Point
	case it.Area != nil:
		return it.Area
	case it.CourtyardArea != nil:
		return it.CourtyardArea
	case it.District != nil:
		return it.District
	}
	return nil
}

// Object is one of the seven object types an extract holds.
type Object interface {
	building.Building | building.Entrance | building.Apartment |
		address.Point | address.Area | address.CourtyardArea | address.District
}

// Items yields the extract's entries in file order: part by part as the
// manifest lists them (addresses before buildings), and in each part as
// written. With types, only entries of those object types are decoded and
// yielded (the others are skipped, whole parts of them unread). A change
// extract yields its deletes and inserts as they come; a changed object's
// delete comes before its insert, and nothing is paired across parts.
//
// The sequence stops at the first error, an *Error wrapping one of the Err…
// classes, or when ctx is done. Reading a part to its end also checks it
// against the manifest: a part shorter than listed is ErrIncomplete.
func (r *Reader) Items(ctx context.Context, types ...bal.ObjectType) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		it := &iteration{r: r, ctx: ctx, yield: yield}
		if err := it.run(types); err != nil && !errors.Is(err, errStop) {
			yield(Item{}, err)
		}
	}
}

// Objects yields the objects of type T of a base extract:
//
//	for b, err := range extract.Objects[building.Building](ctx, x) { … }
//
// It reads only the parts of T's information set. A change extract is
// refused with ErrChangeExtract: its deletes would be lost.
func Objects[T Object](ctx context.Context, r *Reader) iter.Seq2[*T, error] {
	typ := typeOf[T]()
	return func(yield func(*T, error) bool) {
		if r.manifest.Type == Change {
			yield(nil, newError(".", ErrChangeExtract, "objects of a change extract"))
			return
		}
		for it, err := range r.Items(ctx, typ) {
			if err != nil {
				yield(nil, err)
				return
			}
			o, _ := it.Object().(*T)
			if !yield(o, nil) {
				return
			}
		}
	}
}

func typeOf[T Object]() bal.ObjectType {
	switch any((*T)(nil)).(type) {
	case *building.Building:
		return bal.ObjectTypeBuilding
	case *building.Entrance:
		return bal.ObjectTypeEntrance
	case *building.Apartment:
		return bal.ObjectTypeApartment
	case *address.Point:
		return bal.ObjectTypeAddressPoint
	case *address.Area:
		return bal.ObjectTypeAddressArea
	case *address.CourtyardArea:
		return bal.ObjectTypeCourtyardArea
	}
	return bal.ObjectTypeDistrict
}

// errStop ends an iteration whose consumer stopped.
var errStop = errors.New("stop")

// progressEvery is how many bytes pass between progress reports.
const progressEvery = 1 << 20

// iteration is one run of Items.
type iteration struct {
	r     *Reader
	ctx   context.Context
	yield func(Item, error) bool
	pr    *extract1.PartReader
	prog  Progress
	last  int64 // Bytes at the last report
}

func (it *iteration) run(types []bal.ObjectType) error {
	want, sets, err := filter(types)
	if err != nil {
		return err
	}
	var parts []*partFile
	for _, pf := range it.r.d.parts {
		if sets[pf.mangd] {
			parts = append(parts, pf)
			it.prog.TotalBytes += pf.size
			if pf.entries >= 0 {
				it.prog.TotalItems += pf.entries
			}
		}
	}
	it.prog.Parts = len(parts)
	it.pr = it.r.partReader()
	for _, pf := range parts {
		if err := it.part(pf, want); err != nil {
			return err
		}
		it.prog.PartsDone++
		it.report(true)
	}
	return nil
}

// filter turns the types asked for into the part reader's test and the
// information sets to read.
func filter(types []bal.ObjectType) (func(update1.Objekttyp) bool, map[extract1.Mangd]bool, error) {
	sets := map[extract1.Mangd]bool{}
	if len(types) == 0 {
		for _, m := range extract1.Mangder() {
			sets[m] = true
		}
		return nil, sets, nil
	}
	var wanted [8]update1.Objekttyp
	n := 0
	for _, t := range types {
		var wt update1.Objekttyp
		for w, b := range objectTypes {
			if b == t {
				wt = w
			}
		}
		if wt == "" {
			return nil, nil, newError(".", ErrInvalid, "object type %q is not in an extract", t)
		}
		if n < len(wanted) {
			wanted[n] = wt
			n++
		}
		sets[extract1.MangdOf(wt)] = true
	}
	return func(t update1.Objekttyp) bool {
		for _, w := range wanted[:n] {
			if w == t {
				return true
			}
		}
		return false
	}, sets, nil
}

func (it *iteration) report(force bool) {
	if it.r.opts.Progress == nil {
		return
	}
	if force || it.prog.Bytes-it.last >= progressEvery {
		it.last = it.prog.Bytes
		it.r.opts.Progress(it.prog)
	}
}

// part reads one part file.
func (it *iteration) part(pf *partFile, want func(update1.Objekttyp) bool) error {
	if err := it.ctx.Err(); err != nil {
		return err
	}
	f, err := pf.fsys.Open(pf.inner)
	if err != nil {
		return &Error{Path: pf.path, Err: err}
	}
	defer f.Close()
	pr := it.pr
	h, err := pr.Reset(f)
	if err != nil {
		return partError(pf.path, err)
	}
	if err := it.r.checkHeader(pf, h); err != nil {
		return err
	}
	it.prog.Part = pf.path
	base := it.prog.Bytes
	baseItems := it.prog.Items
	it.report(true)
	for n := 0; ; n++ {
		e, err := pr.Next(want)
		it.prog.Bytes = base + pr.Offset()
		it.prog.Items = baseItems + pr.Count()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return partError(pf.path, err)
		}
		item, err := toItem(e, pf.path)
		if err != nil {
			return err
		}
		if !it.yield(item, nil) {
			return errStop
		}
		if n%256 == 255 {
			if err := it.ctx.Err(); err != nil {
				return err
			}
		}
		it.report(false)
	}
	if pf.entries >= 0 && pr.Count() != pf.entries {
		return newError(pf.path, ErrIncomplete, "%d entries, the manifest lists %d", pr.Count(), pf.entries)
	}
	if pf.storlek >= 0 && pr.Offset() != pf.storlek {
		return newError(pf.path, ErrIncomplete, "%d bytes, the manifest lists %d", pr.Offset(), pf.storlek)
	}
	return nil
}

// The model mappings, from building and address (see internal/wiremap).
var (
	mapBuilding      = wiremap.Lookup[*update1.Byggnad, *building.Building]()
	mapEntrance      = wiremap.Lookup[*update1.Entre, *building.Entrance]()
	mapApartment     = wiremap.Lookup[*update1.Lagenhet, *building.Apartment]()
	mapPoint         = wiremap.Lookup[*update1.Adressplats, *address.Point]()
	mapArea          = wiremap.Lookup[*update1.Adressomrade, *address.Area]()
	mapCourtyardArea = wiremap.Lookup[*update1.Gardsadressomrade, *address.CourtyardArea]()
	mapDistrict      = wiremap.Lookup[*update1.Kommundel, *address.District]()
)

// toItem maps an entry to the model.
func toItem(e extract1.Entry, part string) (Item, error) {
	it := Item{Type: objectTypes[e.Type], Part: part, Line: e.Line}
	fail := func(err error) (Item, error) {
		return Item{}, &Error{Path: part, Line: e.Line, Offset: e.Offset, Element: string(e.Type), ID: e.ID,
			Err: &classed{class: ErrInvalid, msg: "mapping to the model", cause: err}}
	}
	if e.Kind == extract1.Delete {
		id, err := bal.ParseObjectID(e.ID)
		if err != nil {
			return fail(err)
		}
		it.Kind, it.ID = Delete, id
		return it, nil
	}
	it.Kind = Insert
	var meta *bal.Meta
	var err error
	switch o := e.Object.(type) {
	case *update1.Byggnad:
		if it.Building, err = apply(mapBuilding, o); err == nil {
			meta = &it.Building.Meta
		}
	case *update1.Entre:
		if it.Entrance, err = apply(mapEntrance, o); err == nil {
			meta = &it.Entrance.Meta
		}
	case *update1.Lagenhet:
		if it.Apartment, err = apply(mapApartment, o); err == nil {
			meta = &it.Apartment.Meta
		}
	case *update1.Adressplats:
		if it.Point, err = apply(mapPoint, o); err == nil {
			meta = &it.Point.Meta
		}
	case *update1.Adressomrade:
		if it.Area, err = apply(mapArea, o); err == nil {
			meta = &it.Area.Meta
		}
	case *update1.Gardsadressomrade:
		if it.CourtyardArea, err = apply(mapCourtyardArea, o); err == nil {
			meta = &it.CourtyardArea.Meta
		}
	case *update1.Kommundel:
		if it.District, err = apply(mapDistrict, o); err == nil {
			meta = &it.District.Meta
		}
	}
	if err != nil {
		return fail(err)
	}
	if meta == nil {
		return fail(errNoMapping)
	}
	it.ID = meta.ID
	return it, nil
}

func apply[W, M any](f func(W) (M, error), w W) (M, error) {
	if f == nil {
		var zero M
		return zero, errNoMapping
	}
	return f(w)
}
