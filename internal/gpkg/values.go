package gpkg

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// ColumnType is the type of an attribute column, one of GeoPackage's data types (1.4 §1.1.1.1.3
// Table 1).
type ColumnType int

// The column types. Each says which Go values it takes on write and gives on read; nil is NULL
// for every type.
const (
	// Text is TEXT: string.
	Text ColumnType = iota + 1
	// Integer is INTEGER, a 64-bit signed integer: any Go integer type in range on write,
	// int64 on read.
	Integer
	// Real is REAL (double precision): float64 or float32 on write (and integers, converted),
	// float64 on read.
	Real
	// Boolean is BOOLEAN, stored as 0 or 1: bool.
	Boolean
	// Date is DATE, ISO-8601 "YYYY-MM-DD": time.Time (its calendar date in its own location)
	// or a string in that form on write; time.Time at midnight UTC on read.
	Date
	// DateTime is DATETIME, ISO-8601 in UTC with milliseconds, "YYYY-MM-DDTHH:MM:SS.SSSZ":
	// time.Time (converted to UTC; the instant is kept, the zone offset is not) or an RFC 3339
	// string on write; time.Time in UTC on read. A time with a finer fraction than a
	// millisecond is refused with ErrValue rather than cut silently: GeoPackage has no place
	// for it (GDAL reads more digits but flags them as non-conformant). Truncate it
	// (t.Truncate(time.Millisecond)) or keep it in a Text column.
	DateTime
	// Blob is BLOB: []byte.
	Blob
	// Other is a declared type this package does not map (read from files written by
	// others, e.g. NUMERIC): values are passed through as SQLite gives them (int64, float64,
	// string, []byte or nil). It cannot be used to create a column.
	Other
)

// String returns the SQL type name written in CREATE TABLE.
func (t ColumnType) String() string {
	switch t {
	case Text:
		return "TEXT"
	case Integer:
		return "INTEGER"
	case Real:
		return "REAL"
	case Boolean:
		return "BOOLEAN"
	case Date:
		return "DATE"
	case DateTime:
		return "DATETIME"
	case Blob:
		return "BLOB"
	case Other:
		return "OTHER"
	}
	return fmt.Sprintf("ColumnType(%d)", int(t))
}

// columnTypeOf maps a declared SQL type, as GeoPackage writers (GDAL, QGIS, ArcGIS) spell
// them, to a ColumnType.
func columnTypeOf(decl string) ColumnType {
	d := strings.ToUpper(strings.TrimSpace(decl))
	if i := strings.IndexByte(d, '('); i >= 0 {
		d = strings.TrimSpace(d[:i]) // TEXT(20), BLOB(1024)
	}
	switch d {
	case "TEXT":
		return Text
	case "INTEGER", "INT", "MEDIUMINT", "SMALLINT", "TINYINT", "BIGINT":
		return Integer
	case "REAL", "FLOAT", "DOUBLE":
		return Real
	case "BOOLEAN":
		return Boolean
	case "DATE":
		return Date
	case "DATETIME", "TIMESTAMP":
		return DateTime
	case "BLOB":
		return Blob
	}
	return Other
}

const (
	dateLayout = "2006-01-02"
	// dateTimeLayout is GeoPackage's DATETIME form (1.4 Table 1), millisecond precision.
	dateTimeLayout = "2006-01-02T15:04:05.000Z"
)

// formatDateTime writes t in UTC with milliseconds, refusing finer fractions.
func formatDateTime(c Column, t time.Time) (string, error) {
	if t.Nanosecond()%int(time.Millisecond) != 0 {
		return "", fmt.Errorf("column %q: %s has a fraction finer than the millisecond GeoPackage keeps (truncate it, or use a Text column): %w", c.Name, t.Format(time.RFC3339Nano), ErrValue)
	}
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return "", fmt.Errorf("column %q: year %d is outside ISO-8601's 0000–9999: %w", c.Name, y, ErrValue)
	}
	return t.UTC().Format(dateTimeLayout), nil
}

// bindValue converts a Go value for column c into what the SQLite driver binds.
func bindValue(c Column, v any) (any, error) {
	if v == nil {
		if c.NotNull {
			return nil, fmt.Errorf("column %q is NOT NULL: %w", c.Name, ErrValue)
		}
		return nil, nil
	}
	bad := func() error {
		return fmt.Errorf("column %q (%s) does not take a %T: %w", c.Name, c.Type, v, ErrValue)
	}
	switch c.Type {
	case Text:
		if s, ok := v.(string); ok {
			return s, nil
		}
		return nil, bad()
	case Integer:
		switch n := v.(type) {
		case int:
			return int64(n), nil
		case int8:
			return int64(n), nil
		case int16:
			return int64(n), nil
		case int32:
			return int64(n), nil
		case int64:
			return n, nil
		case uint8:
			return int64(n), nil
		case uint16:
			return int64(n), nil
		case uint32:
			return int64(n), nil
		case uint:
			if uint64(n) > math.MaxInt64 {
				return nil, fmt.Errorf("column %q: %d overflows INTEGER: %w", c.Name, n, ErrValue)
			}
			return int64(n), nil
		case uint64:
			if n > math.MaxInt64 {
				return nil, fmt.Errorf("column %q: %d overflows INTEGER: %w", c.Name, n, ErrValue)
			}
			return int64(n), nil
		}
		return nil, bad()
	case Real:
		switch n := v.(type) {
		case float64:
			return n, nil
		case float32:
			return float64(n), nil
		case int:
			return float64(n), nil
		case int64:
			return float64(n), nil
		case int32:
			return float64(n), nil
		}
		return nil, bad()
	case Boolean:
		if b, ok := v.(bool); ok {
			if b {
				return int64(1), nil
			}
			return int64(0), nil
		}
		return nil, bad()
	case Date:
		switch t := v.(type) {
		case time.Time:
			if y := t.Year(); y < 0 || y > 9999 {
				return nil, fmt.Errorf("column %q: year %d is outside ISO-8601's 0000–9999: %w", c.Name, y, ErrValue)
			}
			return t.Format(dateLayout), nil
		case string:
			if _, err := time.Parse(dateLayout, t); err != nil {
				return nil, fmt.Errorf("column %q: date %q is not YYYY-MM-DD: %w", c.Name, t, ErrValue)
			}
			return t, nil
		}
		return nil, bad()
	case DateTime:
		switch t := v.(type) {
		case time.Time:
			return formatDateTime(c, t)
		case string:
			p, err := time.Parse(time.RFC3339Nano, t)
			if err != nil {
				return nil, fmt.Errorf("column %q: date-time %q is not RFC 3339: %w", c.Name, t, ErrValue)
			}
			return formatDateTime(c, p)
		}
		return nil, bad()
	case Blob:
		if b, ok := v.([]byte); ok {
			return b, nil
		}
		return nil, bad()
	}
	return nil, fmt.Errorf("column %q: type %s cannot be written: %w", c.Name, c.Type, ErrValue)
}

// readValue converts what the SQLite driver returned for column c into the Go type c.Type
// promises.
func readValue(c Column, v any) (any, error) {
	if v == nil || c.Type == Other {
		return v, nil
	}
	bad := func() error {
		return fmt.Errorf("column %q (%s) holds %T %s: %w", c.Name, c.Type, v, shortValue(v), ErrValue)
	}
	switch c.Type {
	case Text:
		switch s := v.(type) {
		case string:
			return s, nil
		case []byte:
			return string(s), nil
		case time.Time: // the driver parsed it; a TEXT column keeps text
			return s.Format(time.RFC3339Nano), nil
		}
		return nil, bad()
	case Integer:
		switch n := v.(type) {
		case int64:
			return n, nil
		case float64:
			if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
				return int64(n), nil
			}
		}
		return nil, bad()
	case Real:
		switch n := v.(type) {
		case float64:
			return n, nil
		case int64:
			return float64(n), nil
		}
		return nil, bad()
	case Boolean:
		if n, ok := v.(int64); ok && (n == 0 || n == 1) {
			return n == 1, nil
		}
		return nil, bad()
	case Date:
		switch t := v.(type) {
		case time.Time:
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		case string:
			if p, err := time.Parse(dateLayout, strings.TrimSpace(t)); err == nil {
				return p, nil
			}
			if p, ok := parseDateTime(t); ok {
				return time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC), nil
			}
		}
		return nil, bad()
	case DateTime:
		switch t := v.(type) {
		case time.Time:
			return t.UTC(), nil
		case string:
			if p, ok := parseDateTime(t); ok {
				return p, nil
			}
		}
		return nil, bad()
	case Blob:
		switch b := v.(type) {
		case []byte:
			if b == nil {
				return []byte{}, nil // a zero-length blob, which is not NULL
			}
			return b, nil
		case string:
			return []byte(b), nil
		}
		return nil, bad()
	}
	return v, nil
}

// parseDateTime reads the date-time forms GeoPackage writers produce: RFC 3339 with Z or an
// offset, and the same without a zone (which GeoPackage defines as UTC), with T or a space.
func parseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	if t, err := time.Parse(dateLayout, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// shortValue quotes a stored value for an error message, cut to a readable length.
func shortValue(v any) string {
	s := fmt.Sprintf("%q", fmt.Sprint(v))
	if len(s) > 40 {
		s = s[:37] + `..."`
	}
	return s
}
