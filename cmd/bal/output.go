package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Output formats, as --output takes them.
//
// JSON output is for machines, and its shape is part of the interface: field
// names are stable lowerCamelCase; a command that answers with one thing
// (get of one object, token, download, ngp status, ngp report, ngp publish)
// writes
// one JSON document; a command that answers with a stream (search, get of
// several objects, changes, ngp search) writes JSON Lines, one compact JSON
// object per line, so that an endless stream (changes --follow) can be read
// line by line and a long one never has to be held whole. Nothing but the
// JSON goes to stdout; notes and errors go to stderr.
const (
	outputTable = "table"
	outputJSON  = "json"
)

// json reports whether output is JSON.
func (a *app) json() bool { return a.output == outputJSON }

// resolveOutput settles --output against the configuration file.
func (a *app) resolveOutput() error {
	if a.output == "" {
		fc, err := a.config()
		if err != nil {
			return err
		}
		a.output = fc.Output
	}
	switch a.output {
	case "":
		a.output = outputTable
	case outputTable, outputJSON:
	default:
		return usageError("--output %q is not table or json", a.output)
	}
	return nil
}

// row is one item of a stream: a JSON line, or a table row.
type row interface {
	header() []string
	cells() []string
}

// table is the tabular output of a stream.
type table struct {
	tw *tabwriter.Writer
	// stream flushes after every row, for output that never ends.
	stream     bool
	headerDone bool
}

// streaming makes every row appear at once (changes --follow).
func (a *app) streaming() { a.tableWriter().stream = true }

func (a *app) tableWriter() *table {
	if a.table == nil {
		a.table = &table{tw: tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)}
	}
	return a.table
}

// emitJSON writes v as one JSON line.
func (a *app) emitJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.out, "%s\n", b)
	return err
}

// emit writes one row of a stream.
func (a *app) emit(r row) error {
	if a.json() {
		return a.emitJSON(r)
	}
	t := a.tableWriter()
	first := t.header()
	if first {
		fmt.Fprintln(t.tw, strings.Join(r.header(), "\t"))
	}
	cells := r.cells()
	for i, c := range cells {
		if c == "" {
			cells[i] = "-"
		}
	}
	fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
	if t.stream {
		return t.tw.Flush()
	}
	return nil
}

// header reports whether the header is still to be written, and marks it
// written.
func (t *table) header() bool {
	if t.tw == nil {
		return false
	}
	h := t.headerDone
	t.headerDone = true
	return !h
}

// flush writes out a pending table.
func (a *app) flush() error {
	if a.table == nil {
		return nil
	}
	return a.table.tw.Flush()
}

// document writes one answer: indented JSON, or the table form that
// writeTable writes.
func (a *app) document(v any, writeTable func(w io.Writer) error) error {
	if a.json() {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(a.out, "%s\n", b)
		return err
	}
	tw := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	if err := writeTable(tw); err != nil {
		return err
	}
	return tw.Flush()
}

// pairs writes key-value lines.
func pairs(w io.Writer, kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			fmt.Fprintf(w, "%s:\t%s\n", kv[i], kv[i+1])
		}
	}
}
