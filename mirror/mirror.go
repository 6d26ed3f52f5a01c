package mirror

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/extract"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// Errors of a mirror. Each is matched with errors.Is.
var (
	// ErrLocked: another writer has the mirror (see LockedError).
	ErrLocked = errors.New("mirror: another writer has the mirror")
	// ErrNotInitialised: Sync or an export before Init loaded the mirror.
	ErrNotInitialised = errors.New("mirror: not initialised (run Init first)")
	// ErrSchemaTooNew: the store was written by a newer version of the SDK.
	ErrSchemaTooNew = errors.New("mirror: the store's schema is newer than this SDK knows")
	// ErrReadOnly: a write on a mirror opened with Options.ReadOnly.
	ErrReadOnly = errors.New("mirror: opened read-only")
	// ErrNoCRS: no CRS for the mirror (see Options.SRID).
	ErrNoCRS = errors.New("mirror: no crs")
)

// LockedError is returned by Open when another process (or another Mirror
// in this one) writes to the same store: one writer at a time, enforced by
// a PostgreSQL advisory lock or a lock file beside the GeoPackage. It
// matches ErrLocked.
type LockedError struct {
	// Store names the store: the GeoPackage's path, or the database.
	Store string
}

func (e *LockedError) Error() string {
	return "mirror: " + e.Store + " is being written by another process (one writer at a time; open it with Options.ReadOnly to read)"
}

// Is reports ErrLocked.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Options configure Open. A nil *Options means the zero value.
type Options struct {
	// SRID is the EPSG code of the mirror's CRS, the municipality's SWEREF
	// 99 projection (3006–3018; a compound 5845–5857 means its horizontal
	// code). Zero takes it from the store once initialised, else from
	// geometry.MunicipalityZone for Municipality (its verified row), else
	// from the first object loaded (the zone whose area of use covers it).
	// Heights are labelled with the projection's RH 2000 compound.
	SRID int
	// Municipality is the kommun mirrored; the feed is followed for it.
	// Empty follows whatever the credentials see.
	Municipality bal.MunicipalityCode
	// KeepRetired keeps retired (avregistrerade) objects with their end time
	// (the avregistrerad column) instead of deleting them.
	KeepRetired bool
	// ReadOnly opens without taking the writer's lock, for Status, Objects
	// and exports while a writer runs.
	ReadOnly bool
	// Resync says where base extracts come from when the feed answers 410
	// during Sync (a Geotorget order, or an extract at hand). Nil makes Sync
	// return the *bal.ResyncError.
	Resync *extract.ResyncOptions
	// Progress, when set, is called as work advances.
	Progress func(Progress)

	// schemaVersion, for tests, creates the schema at an older version.
	schemaVersion int
}

// Progress reports how far a load or a sync has come.
type Progress struct {
	// Phase is "load" (Init, a resync's rebuild) or "sync".
	Phase string
	// Type is the object type being loaded; empty during sync.
	Type bal.ObjectType
	// Done counts objects loaded or changes applied so far in the phase.
	Done int64
	// Checkpoint is the feed position reached (sync).
	Checkpoint bal.Checkpoint
}

// Mirror is a local copy of a municipality's seven BAL object types in a
// GeoPackage or a PostgreSQL/PostGIS database. Its methods are safe for
// concurrent use but run one at a time.
type Mirror struct {
	mu    sync.Mutex
	st    store
	conv  *converter
	opts  Options
	where string
	// version is the store's schema version.
	version int
}

// Open opens (creating when needed) the mirror at dsn: a PostgreSQL URL
// (postgres://… or postgresql://…) or the path of a GeoPackage file
// (created when missing). It creates or migrates the schema (recorded in
// bal_schema_version) and, unless opts.ReadOnly, takes the writer's lock,
// held until Close; a second writer gets a *LockedError.
func Open(ctx context.Context, dsn string, opts *Options) (*Mirror, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.schemaVersion == 0 {
		o.schemaVersion = SchemaVersion
	}
	var (
		st  store
		err error
	)
	where := dsn
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		where = redactURL(dsn)
		st, err = openPostgres(ctx, dsn, o.ReadOnly)
	} else {
		st, err = openGeoPackage(ctx, dsn, o.ReadOnly)
	}
	if err != nil {
		return nil, err
	}
	m := &Mirror{st: st, opts: o, where: where}
	if err := m.prepare(ctx); err != nil {
		st.close()
		return nil, err
	}
	return m, nil
}

// prepare checks the schema version, migrates, and settles the CRS.
func (m *Mirror) prepare(ctx context.Context) error {
	v, err := m.st.schemaVersion(ctx)
	if err != nil {
		return err
	}
	if v > SchemaVersion {
		return fmt.Errorf("%w: version %d, this SDK knows %d", ErrSchemaTooNew, v, SchemaVersion)
	}
	state, err := m.st.state(ctx)
	if err != nil {
		return err
	}
	srid := m.opts.SRID
	if s, ok := state[stateSRID]; ok {
		stored, _ := strconv.Atoi(s)
		if srid != 0 && horizontal(srid) != stored {
			return fmt.Errorf("mirror: the store is in EPSG:%d, not the EPSG:%d asked for", stored, srid)
		}
		srid = stored
	}
	if srid == 0 && m.opts.Municipality != "" {
		if z, err := geometry.MunicipalityZone(string(m.opts.Municipality), nil); err == nil {
			srid = z.Zone.Code
		}
	}
	if srid != 0 {
		if err := m.setCRS(horizontal(srid)); err != nil {
			return err
		}
	}
	m.version = v
	if m.conv == nil && v == 0 {
		// A new store: its tables are created once the CRS is known (Init
		// settles it from the first object).
		return nil
	}
	return m.migrate(ctx)
}

// migrate brings the schema to the version asked for.
func (m *Mirror) migrate(ctx context.Context) error {
	if m.version >= m.opts.schemaVersion {
		return nil
	}
	if m.opts.ReadOnly {
		return fmt.Errorf("mirror: the store's schema is version %d and needs migrating to %d: %w", m.version, m.opts.schemaVersion, ErrReadOnly)
	}
	if m.conv == nil {
		return fmt.Errorf("%w: set Options.SRID, or Options.Municipality with a verified zone", ErrNoCRS)
	}
	if err := m.st.migrate(ctx, m.version, m.opts.schemaVersion, m.conv.srid, m.conv.compound); err != nil {
		return fmt.Errorf("mirror: migrate schema %d → %d: %w", m.version, m.opts.schemaVersion, err)
	}
	m.version = m.opts.schemaVersion
	return nil
}

func (m *Mirror) sridOr0() int {
	if m.conv == nil {
		return 0
	}
	return m.conv.srid
}

// horizontal maps a compound code to its projection's code.
func horizontal(srid int) int {
	if c, err := geometry.Lookup(srid); err == nil && c.Horizontal != 0 {
		return c.Horizontal
	}
	return srid
}

func (m *Mirror) setCRS(srid int) error {
	if srid < geometry.SWEREF99TM || srid > geometry.SWEREF99_2315 {
		return fmt.Errorf("%w: EPSG:%d is not SWEREF 99 TM or a local SWEREF 99 zone", ErrNoCRS, srid)
	}
	c, err := newConverter(srid)
	if err != nil {
		return err
	}
	m.conv = c
	return nil
}

// Close releases the writer's lock and closes the store.
func (m *Mirror) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.st.close()
}

// SRID returns the mirror's CRS (0 until it is known).
func (m *Mirror) SRID() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sridOr0()
}

func (m *Mirror) progress(p Progress) {
	if m.opts.Progress != nil {
		m.opts.Progress(p)
	}
}

// Source is where Init loads the mirror from: a base extract (at hand or
// fetched from Geotorget) or the update services. Set exactly one of
// Extract and Services.
type Source struct {
	// Extract is a base extract: Path, or Order to fetch one. Its feed
	// position (or the one noted before it) becomes the checkpoint.
	Extract *extract.ResyncOptions
	// Services loads by searching every object type for the municipality
	// and reading the objects with the batch read (GetMany); the feed's
	// newest position, noted first, becomes the checkpoint.
	Services bool
}

// Init loads the mirror afresh from src, replacing whatever it held, and
// records the checkpoint to follow from in the same transaction.
func (m *Mirror) Init(ctx context.Context, c *bal.Client, src Source) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.opts.ReadOnly {
		return ErrReadOnly
	}
	switch {
	case (src.Extract == nil) == !src.Services:
		return errors.New("mirror: init: set exactly one of Source.Extract and Source.Services")
	case src.Extract != nil:
		ro := *src.Extract
		if ro.Changes == nil {
			ro.Changes = m.changesOptions()
		}
		_, err := extract.Rebuild(ctx, c, m.rebuild, &ro)
		return err
	}
	from, err := c.LatestCheckpoint(ctx)
	if err != nil {
		return fmt.Errorf("mirror: init: note the feed's position: %w", err)
	}
	if m.conv == nil {
		for _, typ := range []bal.ObjectType{bal.ObjectTypeBuilding, bal.ObjectTypeAddressPoint} {
			for o, err := range servicesObjects(ctx, c, typ, m.opts.Municipality, 1) {
				if err != nil {
					return err
				}
				_ = m.crsFrom(o)
			}
			if m.conv != nil {
				break
			}
		}
	}
	if err := m.migrate(ctx); err != nil {
		return err
	}
	return m.load(ctx, from, func(yield func(any, error) bool) {
		for _, t := range tables {
			for o, err := range servicesObjects(ctx, c, t.typ, m.opts.Municipality, 0) {
				if !yield(o, err) || err != nil {
					return
				}
			}
		}
	})
}

// rebuild is the extract.RebuildFunc of Init and of a resync.
func (m *Mirror) rebuild(ctx context.Context, from bal.Checkpoint, x *extract.Reader) error {
	if m.conv == nil {
		// The zone whose area of use covers the first building or point
		// (the extract itself is usually in SWEREF 99 TM, rarely the
		// municipality's own projection).
		for it, err := range x.Items(ctx, bal.ObjectTypeBuilding, bal.ObjectTypeAddressPoint) {
			if err != nil {
				return err
			}
			if err := m.crsFrom(it.Object()); err == nil {
				break
			}
		}
	}
	if err := m.migrate(ctx); err != nil {
		return err
	}
	// One pass over the extract: its types come in runs, each a bulk load.
	return m.load(ctx, from, func(yield func(any, error) bool) {
		for it, err := range x.Items(ctx, Types()...) {
			if !yield(it.Object(), err) || err != nil {
				return
			}
		}
	})
}

// load replaces the contents with the objects of each table, and the
// checkpoint, in one transaction.
func (m *Mirror) load(ctx context.Context, from bal.Checkpoint, objects iter.Seq2[any, error]) error {
	var done int64
	rows := func(yield func(*row, error) bool) {
		for o, err := range objects {
			if err != nil {
				yield(nil, err)
				return
			}
			r, err := m.conv.row(o)
			if err != nil {
				yield(nil, err)
				return
			}
			if r.status == bal.StatusRetired && !m.opts.KeepRetired {
				continue
			}
			if !yield(r, nil) {
				return
			}
			if done++; done%10000 == 0 {
				m.progress(Progress{Phase: "load", Type: r.table.typ, Done: done})
			}
		}
	}
	state := func() map[string]string {
		return map[string]string{
			stateCheckpoint: string(from), stateSRID: strconv.Itoa(m.sridOr0()),
			stateMunicipality: string(m.opts.Municipality), stateLoaded: time.Now().UTC().Format(time.RFC3339),
		}
	}
	if err := m.st.load(ctx, rows, state); err != nil {
		return fmt.Errorf("mirror: load: %w", err)
	}
	m.progress(Progress{Phase: "load", Done: done, Checkpoint: from})
	return nil
}

// crsFrom settles the CRS from the first object with a geometry: the zone
// whose area of use covers it.
func (m *Mirror) crsFrom(o any) error {
	var g geom.T
	switch x := o.(type) {
	case *address.Point:
		if x.Position != nil {
			g = x.Position
		}
	case *building.Building:
		for _, p := range x.Parts {
			if p.Surface != nil {
				g = p.Surface
				break
			}
		}
	}
	if g == nil {
		return fmt.Errorf("%w: the object has no geometry to suggest a zone", ErrNoCRS)
	}
	z, err := geometry.MunicipalityZone(string(m.opts.Municipality), &geometry.ZoneOptions{Near: g})
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNoCRS, err)
	}
	return m.setCRS(z.Zone.Code)
}

func (m *Mirror) changesOptions() *bal.ChangesOptions {
	return &bal.ChangesOptions{Municipality: m.opts.Municipality, WithObjects: true}
}

// SyncOptions configure Sync.
type SyncOptions struct {
	// Poll, when positive, keeps following after catching up (until ctx
	// ends); zero returns once caught up.
	Poll time.Duration
	// SaveEvery commits after this many changes besides the end of each
	// page; 0 commits once per page.
	SaveEvery int
	// PageSize is the feed's page size; 0 means bal.MaxChangesPageSize.
	PageSize int
}

// SyncResult says what a Sync did.
type SyncResult struct {
	// Applied counts the changes that changed the mirror; Skipped those it
	// already had (seen again after a crash or a resync).
	Applied, Skipped int64
	// Checkpoint is the position reached.
	Checkpoint bal.Checkpoint
	// Resynced reports that the feed answered 410 and the mirror was
	// rebuilt from a base extract.
	Resynced bool
}

// Sync follows the change feed from the mirror's checkpoint, with each
// change carrying its object (bal.ChangesOptions.WithObjects), and applies
// the changes: an object's row is written only when the change's version is
// newer than the row's, so changes seen again are harmless. The checkpoint is
// written in the same database transaction as the changes it covers (one
// transaction per page, or per SaveEvery changes), so a process killed at
// any point resumes exactly where its last commit left it. A 410 (the
// checkpoint is older than the feed keeps) rebuilds the mirror from a base
// extract as Options.Resync says, and Sync goes on.
func (m *Mirror) Sync(ctx context.Context, c *bal.Client, opts *SyncOptions) (*SyncResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.opts.ReadOnly {
		return nil, ErrReadOnly
	}
	var o SyncOptions
	if opts != nil {
		o = *opts
	}
	if m.version == 0 {
		return nil, ErrNotInitialised
	}
	state, err := m.st.state(ctx)
	if err != nil {
		return nil, err
	}
	if _, ok := state[stateCheckpoint]; !ok || m.conv == nil {
		return nil, ErrNotInitialised
	}
	s := &syncer{m: m, c: c, res: &SyncResult{}}
	defer s.rollback()
	fo := &bal.FollowOptions{ChangesOptions: *m.changesOptions(), SaveEvery: o.SaveEvery}
	fo.Poll, fo.PageSize = o.Poll, o.PageSize
	if m.opts.Resync != nil {
		ro := *m.opts.Resync
		if ro.Changes == nil {
			ro.Changes = m.changesOptions()
		}
		fo.Resync = extract.Resync(c, func(ctx context.Context, from bal.Checkpoint, x *extract.Reader) error {
			s.rollback()
			s.res.Resynced = true
			return m.rebuild(ctx, from, x)
		}, &ro)
	}
	err = c.Follow(ctx, s, s.handle, fo)
	s.res.Checkpoint = s.saved
	if err != nil {
		return s.res, fmt.Errorf("mirror: sync: %w", err)
	}
	return s.res, nil
}

// syncer is the store transaction a Sync writes into; it is Follow's
// CheckpointStore, so that saving a checkpoint commits the changes it covers.
type syncer struct {
	m     *Mirror
	c     *bal.Client
	tx    storeTx
	res   *SyncResult
	saved bal.Checkpoint
	n     int64
}

func (s *syncer) Load(ctx context.Context) (bal.Checkpoint, error) {
	state, err := s.m.st.state(ctx)
	if err != nil {
		return "", err
	}
	s.saved = bal.Checkpoint(state[stateCheckpoint])
	return s.saved, nil
}

// Save commits the open transaction with the checkpoint in it.
func (s *syncer) Save(ctx context.Context, cp bal.Checkpoint) error {
	if s.tx == nil {
		tx, err := s.m.st.begin(ctx)
		if err != nil {
			return err
		}
		s.tx = tx
	}
	tx := s.tx
	s.tx = nil
	if err := tx.setState(ctx, stateCheckpoint, string(cp)); err != nil {
		tx.rollback()
		return err
	}
	if err := tx.setState(ctx, stateSynced, time.Now().UTC().Format(time.RFC3339)); err != nil {
		tx.rollback()
		return err
	}
	applied, err := tx.commit(ctx)
	if err != nil {
		return err
	}
	s.res.Applied += applied
	s.res.Skipped += s.n - applied
	s.n = 0
	s.saved = cp
	s.m.progress(Progress{Phase: "sync", Done: s.res.Applied + s.res.Skipped, Checkpoint: cp})
	return nil
}

func (s *syncer) rollback() {
	if s.tx != nil {
		s.tx.rollback()
		s.tx = nil
	}
	s.n = 0
}

// handle applies one change inside the open transaction.
func (s *syncer) handle(ctx context.Context, ch bal.Change) error {
	if s.tx == nil {
		tx, err := s.m.st.begin(ctx)
		if err != nil {
			return err
		}
		s.tx = tx
	}
	t := tableOf(ch.Object.Type)
	if t == nil {
		return nil
	}
	s.n++
	var err error
	if ch.Kind == bal.ChangeRetired {
		err = s.tx.retire(ctx, t, ch.Object.ID, int64(ch.Version), ch.Time, s.m.opts.KeepRetired)
	} else {
		obj, ferr := s.object(ctx, ch)
		if ferr != nil {
			return ferr
		}
		r, cerr := s.m.conv.row(obj)
		if cerr != nil {
			return cerr
		}
		if r.status == bal.StatusRetired && !s.m.opts.KeepRetired {
			err = s.tx.retire(ctx, t, r.id, r.version, r.validFrom, false)
		} else {
			err = s.tx.put(ctx, r)
		}
	}
	return err
}

// object is the changed object: the one the change carries, or, when the
// server sent none, read from the services.
func (s *syncer) object(ctx context.Context, ch bal.Change) (any, error) {
	if ch.Body != nil {
		return fromChange(ch)
	}
	id := ch.Object.ID
	switch ch.Object.Type {
	case bal.ObjectTypeBuilding:
		return building.New(s.c).Buildings.Get(ctx, id, nil)
	case bal.ObjectTypeEntrance:
		return building.New(s.c).Entrances.Get(ctx, id, nil)
	case bal.ObjectTypeApartment:
		return building.New(s.c).Apartments.Get(ctx, id, nil)
	case bal.ObjectTypeAddressPoint:
		return address.New(s.c).Points.Get(ctx, id, nil)
	case bal.ObjectTypeAddressArea:
		return address.New(s.c).Areas.Get(ctx, id, nil)
	case bal.ObjectTypeCourtyardArea:
		return address.New(s.c).CourtyardAreas.Get(ctx, id, nil)
	case bal.ObjectTypeDistrict:
		return address.New(s.c).Districts.Get(ctx, id, nil)
	}
	return nil, fmt.Errorf("mirror: %s is not a BAL object type", ch.Object.Type)
}

// fromChange decodes the object a change carries.
func fromChange(ch bal.Change) (any, error) {
	switch ch.Object.Type {
	case bal.ObjectTypeBuilding:
		return building.FromChange(ch)
	case bal.ObjectTypeEntrance:
		return building.EntranceFromChange(ch)
	case bal.ObjectTypeApartment:
		return building.ApartmentFromChange(ch)
	case bal.ObjectTypeAddressPoint:
		return address.PointFromChange(ch)
	case bal.ObjectTypeAddressArea:
		return address.AreaFromChange(ch)
	case bal.ObjectTypeCourtyardArea:
		return address.CourtyardAreaFromChange(ch)
	case bal.ObjectTypeDistrict:
		return address.DistrictFromChange(ch)
	}
	return nil, fmt.Errorf("mirror: %s is not a BAL object type", ch.Object.Type)
}

// servicesObjects reads every object of one type from the update services:
// a search by municipality, then the batch read. limit, when positive,
// stops after that many.
func servicesObjects(ctx context.Context, c *bal.Client, typ bal.ObjectType, kommun bal.MunicipalityCode, limit int) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		var ids []bal.ObjectID
		for h, err := range search(ctx, c, typ, bal.Query{Municipality: kommun}) {
			if err != nil {
				yield(nil, err)
				return
			}
			ids = append(ids, h.Object.ID)
			if len(ids) == limit {
				break
			}
		}
		for o, err := range getMany(ctx, c, typ, ids) {
			if !yield(o, err) || err != nil {
				return
			}
		}
	}
}

// search is the typed service's search for one object type.
func search(ctx context.Context, c *bal.Client, typ bal.ObjectType, q bal.Query) iter.Seq2[bal.Hit, error] {
	bc, ac := building.New(c), address.New(c)
	switch typ {
	case bal.ObjectTypeBuilding:
		return bc.Buildings.Search(ctx, q, nil)
	case bal.ObjectTypeEntrance:
		return bc.Entrances.Search(ctx, q, nil)
	case bal.ObjectTypeApartment:
		return bc.Apartments.Search(ctx, q, nil)
	case bal.ObjectTypeAddressPoint:
		return ac.Points.Search(ctx, q, nil)
	case bal.ObjectTypeAddressArea:
		return ac.Areas.Search(ctx, q, nil)
	case bal.ObjectTypeCourtyardArea:
		return ac.CourtyardAreas.Search(ctx, q, nil)
	}
	return ac.Districts.Search(ctx, q, nil)
}

// getMany is the typed service's batch read for one object type; an
// object that disappeared since it was found is left out.
func getMany(ctx context.Context, c *bal.Client, typ bal.ObjectType, ids []bal.ObjectID) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		bc, ac := building.New(c), address.New(c)
		switch typ {
		case bal.ObjectTypeBuilding:
			each(bc.Buildings.GetMany(ctx, ids), yield)
		case bal.ObjectTypeEntrance:
			each(bc.Entrances.GetMany(ctx, ids), yield)
		case bal.ObjectTypeApartment:
			each(bc.Apartments.GetMany(ctx, ids), yield)
		case bal.ObjectTypeAddressPoint:
			each(ac.Points.GetMany(ctx, ids), yield)
		case bal.ObjectTypeAddressArea:
			each(ac.Areas.GetMany(ctx, ids), yield)
		case bal.ObjectTypeCourtyardArea:
			each(ac.CourtyardAreas.GetMany(ctx, ids), yield)
		case bal.ObjectTypeDistrict:
			each(ac.Districts.GetMany(ctx, ids), yield)
		}
	}
}

// each forwards a typed sequence; an object that disappeared between the
// search and the read is left out.
func each[T any](seq iter.Seq2[*T, error], yield func(any, error) bool) {
	for o, err := range seq {
		if errors.Is(err, bal.ErrNotFound) {
			continue
		}
		if err != nil {
			yield(nil, err)
			return
		}
		if !yield(o, nil) {
			return
		}
	}
}

// redactURL drops the password from a database URL for messages.
func redactURL(u string) string {
	at := strings.LastIndex(u, "@")
	scheme := strings.Index(u, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return u
	}
	userinfo := u[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		userinfo = userinfo[:i] + ":…"
	}
	return u[:scheme+3] + userinfo + u[at:]
}

// Status is what a mirror holds.
type Status struct {
	// Store names the store (a GeoPackage's path, or the database with the
	// password left out).
	Store string
	// SchemaVersion is the store's schema version.
	SchemaVersion int
	// SRID is the mirror's CRS.
	SRID int
	// Municipality is the kommun mirrored, when given.
	Municipality bal.MunicipalityCode
	// Checkpoint is the feed position the mirror has applied up to; empty
	// before Init.
	Checkpoint bal.Checkpoint
	// Loaded is when Init (or a resync) last loaded it; Synced when a Sync
	// last committed. Zero when never.
	Loaded, Synced time.Time
	// Counts are the rows per object type.
	Counts map[bal.ObjectType]int64
}

// Status reads what the mirror holds.
func (m *Mirror) Status(ctx context.Context) (*Status, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	state, err := m.st.state(ctx)
	if err != nil {
		return nil, err
	}
	st := &Status{Store: m.where, SchemaVersion: m.version, SRID: m.sridOr0(),
		Municipality: bal.MunicipalityCode(state[stateMunicipality]), Checkpoint: bal.Checkpoint(state[stateCheckpoint]),
		Counts: map[bal.ObjectType]int64{}}
	st.Loaded, _ = time.Parse(time.RFC3339, state[stateLoaded])
	st.Synced, _ = time.Parse(time.RFC3339, state[stateSynced])
	for _, t := range tables {
		n, err := m.st.count(ctx, t)
		if err != nil {
			return nil, err
		}
		st.Counts[t.typ] = n
	}
	return st, nil
}

// Types lists the seven object types in the order the mirror loads and
// exports them.
func Types() []bal.ObjectType {
	out := make([]bal.ObjectType, len(tables))
	for i, t := range tables {
		out[i] = t.typ
	}
	return out
}

// Objects reads the objects of one type as the mirror holds them, in
// constant memory. The mirror is locked while the loop runs: finish or
// break it before calling another method.
func (m *Mirror) Objects(ctx context.Context, typ bal.ObjectType) iter.Seq2[Object, error] {
	return func(yield func(Object, error) bool) {
		t := tableOf(typ)
		if t == nil {
			yield(Object{}, fmt.Errorf("mirror: %q is not one of the seven BAL object types", typ))
			return
		}
		m.mu.Lock()
		defer m.mu.Unlock()
		if m.version == 0 {
			yield(Object{}, ErrNotInitialised)
			return
		}
		for o, err := range m.st.objects(ctx, t) {
			if !yield(o, err) || err != nil {
				return
			}
		}
	}
}
