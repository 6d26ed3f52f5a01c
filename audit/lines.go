package audit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// MaxLine bounds one line of a sink file, so that a damaged or hostile file
// cannot make a reader hold gigabytes. An entry of MaxObjects objects with
// full geometry metadata stays well below it.
const MaxLine = 8 << 20

var errLineTooLong = fmt.Errorf("audit: a line is longer than %d bytes", MaxLine)

// lineReader reads newline-terminated lines from a section of a file.
type lineReader struct {
	r   *bufio.Reader
	buf []byte
	off int64 // offset of the next line
}

func newLineReader(f io.ReaderAt, from, to int64) *lineReader {
	size := int(min(max(to-from, 4<<10), 64<<10))
	return &lineReader{r: bufio.NewReaderSize(io.NewSectionReader(f, from, to-from), size), off: from}
}

// next returns the next complete line without its newline, and its offset;
// the line is valid until the next call.
// At the end it returns io.EOF, with any bytes after the last newline (a
// torn line) as rest.
func (l *lineReader) next() (line []byte, at int64, rest []byte, err error) {
	l.buf = l.buf[:0]
	for {
		chunk, err := l.r.ReadSlice('\n')
		if len(l.buf)+len(chunk) > MaxLine+1 {
			return nil, l.off, nil, errLineTooLong
		}
		switch {
		case err == nil:
			if len(l.buf) == 0 {
				at = l.off
				l.off += int64(len(chunk))
				return chunk[:len(chunk)-1], at, nil, nil
			}
			l.buf = append(l.buf, chunk...)
			at = l.off
			l.off += int64(len(l.buf))
			return l.buf[:len(l.buf)-1], at, nil, nil
		case errors.Is(err, bufio.ErrBufferFull):
			l.buf = append(l.buf, chunk...)
		case errors.Is(err, io.EOF):
			l.buf = append(l.buf, chunk...)
			return nil, l.off, l.buf, io.EOF
		default:
			return nil, l.off, nil, err
		}
	}
}

// lastLine returns the start and bytes of the last complete line of f's
// first size bytes, reading backwards; ok is false when there is none. The
// bytes after the last newline, if any, are ignored.
func lastLine(f io.ReaderAt, size int64) (start int64, line []byte, ok bool, err error) {
	end, err := lastNewline(f, size)
	if err != nil || end < 0 {
		return 0, nil, false, err
	}
	start, err = lastNewline(f, end)
	if err != nil {
		return 0, nil, false, err
	}
	start++ // after the newline before, or 0
	if end-start > MaxLine {
		return 0, nil, false, errLineTooLong
	}
	line = make([]byte, end-start)
	if _, err := f.ReadAt(line, start); err != nil {
		return 0, nil, false, err
	}
	return start, line, true, nil
}

// lastNewline returns the offset of the last '\n' before limit, or -1.
func lastNewline(f io.ReaderAt, limit int64) (int64, error) {
	const chunk = 4 << 10
	buf := make([]byte, chunk)
	for end := limit; end > 0; {
		start := max(end-chunk, 0)
		b := buf[:end-start]
		if _, err := f.ReadAt(b, start); err != nil {
			return 0, err
		}
		if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
			return start + int64(i), nil
		}
		if limit-start > MaxLine+1 {
			return 0, errLineTooLong
		}
		end = start
	}
	return -1, nil
}

// replaceFile writes a new version of path through a temporary file in the
// same directory: written, synced, renamed over path, and the directory
// synced, so that a crash leaves either the old file or the new one.
func replaceFile(path string, perm os.FileMode, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op after the rename
	bw := bufio.NewWriterSize(tmp, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err == nil {
		err = syncDir(filepath.Dir(path))
	}
	return err
}
