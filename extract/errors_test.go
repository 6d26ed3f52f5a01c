package extract

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

const partHead = `<?xml version="1.0" encoding="UTF-8"?>
<Uttagsdel xmlns="http://namespace.lantmateriet.se/distribution/produkter/baluttag/v1" xmlns:gml="http://www.opengis.net/gml/3.2" uttagstyp="BAS" mangd="belagenhetsadress" delnummer="1">
`

const district = `<Kommundel><objektidentitet>0b4c6e2a-7d1f-4e3b-9a5c-2f8d1e6b4a70</objektidentitet><objektversion>1</objektversion><faststalltNamn>Backa</faststalltNamn><Kommun><kommunkod>2199</kommunkod></Kommun></Kommundel>
`

// readFolder writes files into a folder and reads every item of it,
// returning the first error.
func readFolder(t *testing.T, files map[string]string, opts *Options, types ...bal.ObjectType) error {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	x, err := Open(dir, opts)
	if err != nil {
		return err
	}
	defer x.Close()
	for _, err := range x.Items(context.Background(), types...) {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestBadInput: each kind of bad input gives a typed error naming the file
// (and inside a part the line), never a panic.
func TestBadInput(t *testing.T) {
	t.Parallel()
	good := zipBytes(t, &extract1.WriterOptions{MaxObjects: 200}, insertAll(t, genData().Objects()))
	cases := []struct {
		name  string
		files map[string]string
		opts  *Options
		types []bal.ObjectType
		class error
		path  string
		line  int64
		msg   string
	}{
		{name: "empty folder", files: map[string]string{"readme.txt": "x"}, class: ErrNotExtract},
		{name: "wrong root", files: map[string]string{"byggnad_1.xml": `<Byggnad xmlns="` + update1.Namespace + `"/>`},
			class: ErrNotExtract, path: "byggnad_1.xml", line: 1, msg: "root is <Byggnad>"},
		{name: "wrong namespace", files: map[string]string{"belagenhetsadress_1.xml": strings.Replace(partHead, "baluttag", "other", 1) + "</Uttagsdel>"},
			class: ErrNotExtract, path: "belagenhetsadress_1.xml", line: 2},
		{name: "truncated xml", files: map[string]string{"belagenhetsadress_1.xml": partHead + district[:90]},
			class: ErrMalformed, path: "belagenhetsadress_1.xml", line: 3, msg: "unexpected EOF"},
		{name: "not well-formed", files: map[string]string{"belagenhetsadress_1.xml": partHead + district + "<Kommundel></Byggnad>\n</Uttagsdel>"},
			class: ErrMalformed, path: "belagenhetsadress_1.xml", line: 4, msg: "closed by"},
		{name: "unknown element", files: map[string]string{"belagenhetsadress_1.xml": partHead + strings.Replace(district, "<Kommun>", "<Landskap>x</Landskap><Kommun>", 1) + "</Uttagsdel>"},
			class: ErrInvalid, path: "belagenhetsadress_1.xml", line: 3, msg: "unknown element <Landskap>"},
		{name: "repeated element", files: map[string]string{"belagenhetsadress_1.xml": partHead + strings.Replace(district, "<objektversion>1</objektversion>", "<objektversion>1</objektversion><objektversion>2</objektversion>", 1) + "</Uttagsdel>"},
			class: ErrInvalid, line: 3, msg: "repeated"},
		{name: "bad number", files: map[string]string{"belagenhetsadress_1.xml": partHead + strings.Replace(district, "<objektversion>1<", "<objektversion>ett<", 1) + "</Uttagsdel>"},
			class: ErrInvalid, line: 3, msg: "objektversion"},
		{name: "bad identity", files: map[string]string{"belagenhetsadress_1.xml": partHead + strings.Replace(district, "0b4c6e2a-", "", 1) + "</Uttagsdel>"},
			class: ErrInvalid, line: 3, msg: "mapping"},
		{name: "building in an address part", files: map[string]string{"belagenhetsadress_1.xml": partHead + "<Byggnad/></Uttagsdel>"},
			class: ErrInvalid, line: 3},
		{name: "hostile size", opts: &Options{MaxElementBytes: 1 << 10},
			files: map[string]string{"belagenhetsadress_1.xml": partHead + strings.Replace(district, "Backa", strings.Repeat("a", 4<<10), 1) + "</Uttagsdel>"},
			class: ErrTooLarge, line: 3},
		{name: "endless text", opts: &Options{MaxElementBytes: 1 << 10},
			files: map[string]string{"belagenhetsadress_1.xml": partHead + "<Kommundel><faststalltNamn>" + strings.Repeat("a", 1<<20)},
			class: ErrTooLarge},
		{name: "deep nesting in a skipped object", types: []bal.ObjectType{bal.ObjectTypeAddressPoint},
			files: map[string]string{"belagenhetsadress_1.xml": partHead + strings.Repeat("<Kommundel>", 1000)},
			class: ErrTooLarge, line: 3},
		{name: "a gap in the parts", files: map[string]string{"belagenhetsadress_2.xml": partHead + "</Uttagsdel>"},
			class: ErrIncomplete, path: "belagenhetsadress_2.xml"},
		{name: "header disagrees with the name", files: map[string]string{"belagenhetsadress_1.xml": strings.Replace(partHead, `delnummer="1"`, `delnummer="2"`, 1) + "</Uttagsdel>"},
			class: ErrInvalid, path: "belagenhetsadress_1.xml"},
		{name: "a part and its copy", files: map[string]string{"belagenhetsadress_1.xml": partHead + "</Uttagsdel>", "x/belagenhetsadress_1.xml": partHead + "</Uttagsdel>"},
			class: ErrInvalid, msg: "twice"},
		{name: "truncated zip", files: map[string]string{"1.zip": string(good[:len(good)/2])},
			class: ErrMalformed, path: "1.zip", msg: "zip"},
		{name: "corrupt zip data", files: map[string]string{"1.zip": corrupt(good)},
			class: ErrMalformed},
		{name: "a missing part", files: map[string]string{"uttag.xml": manifestOf(t, good), "belagenhetsadress_1.xml": partOf(t, good, "belagenhetsadress_1.xml")},
			class: ErrIncomplete, path: "uttag.xml", msg: "belagenhetsadress_2.xml"},
		{name: "a shortened part", files: shortened(t, good, "belagenhetsadress_1.xml"),
			class: ErrIncomplete, path: "belagenhetsadress_1.xml", msg: "entries"},
		{name: "a broken manifest", files: map[string]string{"uttag.xml": `<Uttag xmlns="` + extract1.Namespace + `"><uttagstyp>BAS`, "belagenhetsadress_1.xml": partHead + "</Uttagsdel>"},
			class: ErrMalformed, path: "uttag.xml"},
		{name: "a manifest of something else", files: map[string]string{"uttag.xml": "<Uttag/>", "belagenhetsadress_1.xml": partHead + "</Uttagsdel>"},
			class: ErrInvalid, path: "uttag.xml"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := readFolder(t, tc.files, tc.opts, tc.types...)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.class, "%v", err)
			var e *Error
			require.True(t, errors.As(err, &e), "%T %v", err, err)
			if tc.path != "" {
				assert.Equal(t, tc.path, e.Path)
			}
			if tc.line != 0 {
				assert.Equal(t, tc.line, e.Line, "%v", err)
			}
			if tc.msg != "" {
				assert.Contains(t, err.Error(), tc.msg)
			}
		})
	}
}

func corrupt(zipped []byte) string {
	b := bytes.Clone(zipped)
	// The first entry's data starts after its 30-byte header and name;
	// flip bytes well inside it.
	for i := 200; i < 240; i++ {
		b[i] ^= 0x5a
	}
	return string(b)
}

func partOf(t *testing.T, zipped []byte, name string) string {
	t.Helper()
	x, err := NewReader(bytes.NewReader(zipped), int64(len(zipped)), nil)
	require.NoError(t, err)
	defer x.Close()
	for _, pf := range x.d.parts {
		if pf.name == name {
			f, err := pf.fsys.Open(pf.inner)
			require.NoError(t, err)
			var b bytes.Buffer
			_, err = b.ReadFrom(f)
			require.NoError(t, err)
			f.Close()
			return b.String()
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

func manifestOf(t *testing.T, zipped []byte) string {
	t.Helper()
	x, err := NewReader(bytes.NewReader(zipped), int64(len(zipped)), nil)
	require.NoError(t, err)
	defer x.Close()
	f, err := x.d.manifest.fsys.Open(x.d.manifest.inner)
	require.NoError(t, err)
	defer f.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(f)
	require.NoError(t, err)
	return b.String()
}

// shortened is the delivery good, unpacked, with the last object of part
// name dropped.
func shortened(t *testing.T, good []byte, name string) map[string]string {
	t.Helper()
	x, err := NewReader(bytes.NewReader(good), int64(len(good)), nil)
	require.NoError(t, err)
	parts := x.Manifest().Parts
	x.Close()
	files := map[string]string{"uttag.xml": manifestOf(t, good)}
	for _, p := range parts {
		files[p.Name] = partOf(t, good, p.Name)
	}
	files[name] = shorten(files[name])
	return files
}

// shorten drops the part's last object, as a part cut at an object's end
// and closed would look.
func shorten(part string) string {
	lines := strings.Split(strings.TrimSuffix(part, "\n"), "\n")
	return strings.Join(append(lines[:len(lines)-2], lines[len(lines)-1]), "\n") + "\n"
}

// FuzzNewReader: arbitrary bytes as a zip never panic, and whatever is read
// is either items or a typed error.
func FuzzNewReader(f *testing.F) {
	good := zipBytes(f, &extract1.WriterOptions{MaxObjects: 20}, insertAll(f, genData().Objects()[:60]))
	f.Add(good)
	f.Add(good[:len(good)/3])
	f.Add([]byte(corrupt(good)))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := NewReader(bytes.NewReader(data), int64(len(data)), &Options{MaxElementBytes: 1 << 16})
		if err != nil {
			var e *Error
			require.True(t, errors.As(err, &e), "%T %v", err, err)
			return
		}
		defer x.Close()
		for _, err := range x.Items(context.Background()) {
			if err != nil {
				var e *Error
				require.True(t, errors.As(err, &e), "%T %v", err, err)
				break
			}
		}
	})
}
