package gpkg

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strings"
)

// A bulk load into an empty spatial index builds the R-tree in memory, packed with the
// Sort-Tile-Recursive algorithm, and writes it straight into the three shadow tables of
// SQLite's R*Tree module (<rtree>_node, _rowid and _parent), as GDAL does since 3.8 (GDAL pull
// request 8596). Inserting row by row through the module costs about half of a bulk load's
// CPU (choosing leaves and splitting nodes), and the packed tree is also better for queries.
// SQLite's own rtreecheck() verifies what this writes (TestBulkRTreeIsValid).
//
// The node format is SQLite's (ext/rtree/rtree.c): a node is a blob of a fixed size (read from
// the root node the module created); it starts with a 2-byte big-endian depth (meaningful in
// the root only) and a 2-byte cell count, then the cells: an 8-byte big-endian rowid (leaves)
// or child node number, and the box minx, maxx, miny, maxy as big-endian float32. Node 1 is the
// root. Leaf cells map rowid → node in _rowid; every node but the root maps to its parent in
// _parent.

// rtreeMaxCells is RTREE_MAXCELLS of rtree.c, the most cells a node holds.
const rtreeMaxCells = 51

// bulkRTreeMaxEntries bounds the memory of an in-memory build (24 bytes per row, so about
// 100 MB); a larger load is indexed through the module, row by row, like any other insert.
const bulkRTreeMaxEntries = 4_000_000

// rtreeEntry is a row's box as the R-tree stores it.
type rtreeEntry struct {
	id                     int64
	minX, maxX, minY, maxY float32
}

// newRTreeEntry rounds a box outwards to float32 exactly as the SQLite this package runs
// (rtree.c's rtreeValueDown and rtreeValueUp) does, so that a packed tree holds the same boxes
// as one built by the module: the nearest float32, moved one step outwards when it fell inside.
func newRTreeEntry(id int64, e *Envelope) rtreeEntry {
	return rtreeEntry{id: id, minX: valueDown(e.MinX), maxX: valueUp(e.MaxX), minY: valueDown(e.MinY), maxY: valueUp(e.MaxY)}
}

func valueDown(d float64) float32 {
	f := float32(d)
	if float64(f) > d {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

func valueUp(d float64) float32 {
	f := float32(d)
	if float64(f) < d {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

func (e rtreeEntry) centre() (float64, float64) {
	return (float64(e.minX) + float64(e.maxX)) / 2, (float64(e.minY) + float64(e.maxY)) / 2
}

func union(es []rtreeEntry) (minX, maxX, minY, maxY float32) {
	minX, maxX, minY, maxY = es[0].minX, es[0].maxX, es[0].minY, es[0].maxY
	for _, e := range es[1:] {
		minX, maxX = min(minX, e.minX), max(maxX, e.maxX)
		minY, maxY = min(minY, e.minY), max(maxY, e.maxY)
	}
	return
}

// strGroups packs entries into nodes with Sort-Tile-Recursive: sort by the x of the centres,
// cut into vertical slices, sort each slice by y and cut it into runs. Runs are made as even as
// possible, so that no node is left with a handful of cells (SQLite's own nodes hold at least
// a third of the maximum).
func strGroups(es []rtreeEntry) [][]rtreeEntry {
	nodes := (len(es) + rtreeMaxCells - 1) / rtreeMaxCells
	slices := int(math.Ceil(math.Sqrt(float64(nodes))))
	sort.Slice(es, func(i, j int) bool {
		xi, _ := es[i].centre()
		xj, _ := es[j].centre()
		return xi < xj
	})
	var out [][]rtreeEntry
	for _, slice := range evenRuns(es, slices) {
		sort.Slice(slice, func(i, j int) bool {
			_, yi := slice[i].centre()
			_, yj := slice[j].centre()
			return yi < yj
		})
		out = append(out, evenRuns(slice, (len(slice)+rtreeMaxCells-1)/rtreeMaxCells)...)
	}
	return out
}

// evenRuns cuts es into n runs whose lengths differ by at most one.
func evenRuns(es []rtreeEntry, n int) [][]rtreeEntry {
	if n < 1 {
		n = 1
	}
	out := make([][]rtreeEntry, 0, n)
	for i := range n {
		lo, hi := len(es)*i/n, len(es)*(i+1)/n
		if hi > lo {
			out = append(out, es[lo:hi])
		}
	}
	return out
}

// writeBulkRTree writes a packed R-tree of entries into the (empty) shadow tables of the
// R-tree rt. It reuses entries' memory.
func writeBulkRTree(ctx context.Context, tx *sql.Tx, rt string, entries []rtreeEntry) error {
	var nodeSize int
	if err := tx.QueryRowContext(ctx, fmt.Sprintf("SELECT length(data) FROM %s WHERE nodeno = 1", quoteIdent(rt+"_node"))).Scan(&nodeSize); err != nil {
		return fmt.Errorf("r-tree root: %w", err)
	}
	if nodeSize < 4+24*rtreeMaxCells {
		return fmt.Errorf("r-tree node size %d is smaller than %d cells", nodeSize, rtreeMaxCells)
	}
	insNode, err := tx.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s (nodeno, data) VALUES (?, ?)", quoteIdent(rt+"_node")))
	if err != nil {
		return err
	}
	defer func() { _ = insNode.Close() }()
	// Leaf mappings go in batches: one statement per row would cost as much as the rest.
	const batch = 256
	insRowids, err := tx.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s (rowid, nodeno) VALUES %s", quoteIdent(rt+"_rowid"),
		strings.TrimSuffix(strings.Repeat("(?, ?), ", batch), ", ")))
	if err != nil {
		return err
	}
	defer func() { _ = insRowids.Close() }()
	pending := make([]any, 0, 2*batch)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		var err error
		if len(pending) == 2*batch {
			_, err = insRowids.ExecContext(ctx, pending...)
		} else {
			_, err = tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s (rowid, nodeno) VALUES %s", quoteIdent(rt+"_rowid"),
				strings.TrimSuffix(strings.Repeat("(?, ?), ", len(pending)/2), ", ")), pending...)
		}
		pending = pending[:0]
		if err != nil {
			return fmt.Errorf("r-tree rowid: %w", err)
		}
		return nil
	}
	insParent, err := tx.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s (nodeno, parentnode) VALUES (?, ?)", quoteIdent(rt+"_parent")))
	if err != nil {
		return err
	}
	defer func() { _ = insParent.Close() }()

	// Build level by level, leaves first. Every level's nodes get numbers now; the root (the
	// single node of the top level) is renumbered 1 when it is written.
	type node struct {
		no    int64
		cells []rtreeEntry
	}
	var levels [][]node
	next := int64(2)
	level := entries
	for {
		groups := [][]rtreeEntry{level}
		if len(level) > rtreeMaxCells {
			groups = strGroups(level)
		}
		ns := make([]node, len(groups))
		parents := make([]rtreeEntry, len(groups))
		for i, g := range groups {
			ns[i] = node{no: next, cells: g}
			next++
			minX, maxX, minY, maxY := union(g)
			parents[i] = rtreeEntry{id: ns[i].no, minX: minX, maxX: maxX, minY: minY, maxY: maxY}
		}
		levels = append(levels, ns)
		if len(ns) == 1 {
			break
		}
		level = parents
	}
	root := levels[len(levels)-1][0].no
	renumber := func(no int64) int64 {
		if no == root {
			return 1
		}
		return no
	}
	buf := make([]byte, nodeSize)
	for depth, ns := range levels {
		for _, n := range ns {
			clear(buf)
			if n.no == root {
				binary.BigEndian.PutUint16(buf[0:2], uint16(len(levels)-1))
			}
			binary.BigEndian.PutUint16(buf[2:4], uint16(len(n.cells)))
			at := 4
			for _, c := range n.cells {
				id := c.id
				if depth > 0 {
					id = renumber(id)
				}
				binary.BigEndian.PutUint64(buf[at:], uint64(id))
				binary.BigEndian.PutUint32(buf[at+8:], math.Float32bits(c.minX))
				binary.BigEndian.PutUint32(buf[at+12:], math.Float32bits(c.maxX))
				binary.BigEndian.PutUint32(buf[at+16:], math.Float32bits(c.minY))
				binary.BigEndian.PutUint32(buf[at+20:], math.Float32bits(c.maxY))
				at += 24
				if depth == 0 {
					pending = append(pending, c.id, renumber(n.no))
					if len(pending) == 2*batch {
						if err := flush(); err != nil {
							return err
						}
					}
				} else if _, err := insParent.ExecContext(ctx, c.id, renumber(n.no)); err != nil {
					return fmt.Errorf("r-tree parent: %w", err)
				}
			}
			if n.no == root {
				if _, err := tx.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET data = ? WHERE nodeno = 1", quoteIdent(rt+"_node")), buf); err != nil {
					return fmt.Errorf("r-tree root: %w", err)
				}
				continue
			}
			if _, err := insNode.ExecContext(ctx, n.no, buf); err != nil {
				return fmt.Errorf("r-tree node: %w", err)
			}
		}
	}
	return flush()
}
