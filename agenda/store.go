package agenda

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/safefs"
)

// ErrConflict means a note changed on disk since it was loaded: saving
// would overwrite someone else's work.
var ErrConflict = errors.New("the note changed on disk since it was opened")

// Version identifies a note's content on disk, to notice changes made by
// another rapporteur, a git pull or an editor.
type Version struct {
	Exists bool
	Sum    [sha256.Size]byte
}

// VersionOf is the version of a note saved with text.
func VersionOf(text string) Version { return versionOf([]byte(text), true) }

func versionOf(b []byte, exists bool) Version {
	if !exists {
		return Version{}
	}
	return Version{Exists: true, Sum: sha256.Sum256(b)}
}

// Note is a session's notes as read from disk.
type Note struct {
	Text    string
	Version Version
}

// MaxNoteSize caps a note: what is read, and what the editor lets grow.
const MaxNoteSize = 8 << 20

// NoteStore keeps one Markdown file per session, <dir>/<session-id>.md.
// Root is the folder below which no symbolic link is followed (the
// bundle, so that notes/ itself cannot be a link out of it); empty means
// Dir. Only regular files are read, each up to MaxNoteSize.
type NoteStore struct{ Dir, Root string }

// Path is the file of a session's note.
func (s NoteStore) Path(id string) string { return filepath.Join(s.Dir, id+".md") }

// file is the folder the store reads through, and the name of a file in
// it relative to that folder.
func (s NoteStore) file(name string) (safefs.Dir, string, error) {
	return safefs.Within(s.Root, s.Dir, name, "notes")
}

// Load reads a session's note; a note not written yet is empty.
func (s NoteStore) Load(id string) (Note, error) {
	if !IsSlug(id) {
		return Note{}, fmt.Errorf("%q is not a session id", id)
	}
	d, name, err := s.file(id + ".md")
	if err != nil {
		return Note{}, err
	}
	b, err := d.ReadFile(name, MaxNoteSize)
	if errors.Is(err, fs.ErrNotExist) {
		return Note{}, nil
	}
	if err != nil {
		return Note{}, err
	}
	// The version is of the bytes on disk; the text is what may be shown.
	return Note{Text: clean.Text(string(b)), Version: versionOf(b, true)}, nil
}

// LoadAll reads the notes of the given sessions that exist.
func (s NoteStore) LoadAll(ids []string) (map[string]Note, error) {
	out := map[string]Note{}
	var errs []error
	for _, id := range ids {
		n, err := s.Load(id)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if n.Version.Exists {
			out[id] = n
		}
	}
	return out, errors.Join(errs...)
}

// ConflictCopies are the copies SaveBeside kept in the notes folder
// ("<id>.conflict-<time>.md"), by session id: text a rapporteur kept when
// the note changed on disk meanwhile, still to be merged.
func (s NoteStore) ConflictCopies() (map[string][]string, error) {
	if fi, err := os.Lstat(s.Dir); err != nil || !fi.IsDir() {
		return nil, nil // no folder, or a link: nothing of ours there
	}
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, e := range entries {
		id, _, ok := strings.Cut(e.Name(), ".conflict-")
		if ok && strings.HasSuffix(e.Name(), ".md") && e.Type().IsRegular() && IsSlug(id) {
			out[id] = append(out[id], e.Name())
		}
	}
	return out, nil
}

// Save writes text as the session's note if the file is still as it was
// when loaded (base), and returns the new version. It writes atomically and
// durably: a temporary file in the same folder, fsync, rename, fsync of the
// folder. A crash leaves the old note or the new one, never a mix.
func (s NoteStore) Save(id, text string, base Version) (Version, error) {
	cur, err := s.Load(id)
	if err != nil {
		return Version{}, err
	}
	if cur.Version != base {
		return cur.Version, ErrConflict
	}
	if text == "" {
		// An empty note is no note: no 0-byte file is left behind (one
		// emptied on purpose goes, as an editor's "delete all" would).
		if cur.Version.Exists {
			d, name, err := s.file(id + ".md")
			if err != nil {
				return cur.Version, err
			}
			if err := d.Remove(name); err != nil {
				return cur.Version, err
			}
		}
		return Version{}, nil
	}
	return s.write(id+".md", text)
}

// Overwrite writes text whatever the file holds now (keep mine).
func (s NoteStore) Overwrite(id, text string) (Version, error) {
	if !IsSlug(id) {
		return Version{}, fmt.Errorf("%q is not a session id", id)
	}
	return s.write(id+".md", text)
}

// SaveBeside writes text next to the note as <id>.conflict-<time>.md and
// returns its path.
func (s NoteStore) SaveBeside(id, text string, at time.Time) (string, error) {
	base := fmt.Sprintf("%s.conflict-%s", id, at.Format("20060102-150405"))
	name := base + ".md"
	// Two saves in one second never share a name: the second is -2.
	for n := 2; ; n++ {
		if _, err := os.Lstat(filepath.Join(s.Dir, name)); errors.Is(err, fs.ErrNotExist) || n > 1000 {
			break
		}
		name = fmt.Sprintf("%s-%d.md", base, n)
	}
	_, err := s.write(name, text)
	return filepath.Join(s.Dir, name), err
}

// RetiredDir is where the notes of sessions removed from the meeting go,
// under the notes folder: never read as a session's note.
const RetiredDir = "removed"

// Retire moves session id's note out of the notes sessions read, to
// removed/<id>-<date>.md, so that a session later given the same id starts
// with no note; it returns the new path ("" when there was no note).
func (s NoteStore) Retire(id string, at time.Time) (string, error) {
	if !IsSlug(id) {
		return "", fmt.Errorf("%q is not a session id", id)
	}
	d, name, err := s.file(id + ".md")
	if err != nil {
		return "", err
	}
	moved, err := d.Retire(name, path.Join(path.Dir(name), RetiredDir), id, ".md", at, MaxNoteSize)
	if moved == "" || err != nil {
		return "", err
	}
	return filepath.Join(string(d), filepath.FromSlash(moved)), nil
}

// write replaces a file of the store with text, atomically and durably,
// never through a link.
func (s NoteStore) write(file, text string) (Version, error) {
	if len(text) > MaxNoteSize {
		return Version{}, fmt.Errorf("the note is larger than %d MiB", MaxNoteSize>>20)
	}
	d, name, err := s.file(file)
	if err != nil {
		return Version{}, err
	}
	if err := d.WriteFile(name, []byte(text), 0o644); err != nil {
		return Version{}, err
	}
	return versionOf([]byte(text), true), nil
}

// Journal keeps what is typed in a note before it is saved, like an
// editor's swap file, so that a crash or kill loses at most the time
// between two journal writes. Journals belong to their writer: one file per
// session and writer, <session>.<writer>.journal, so two programs typing
// into one note never remove or overwrite each other's. A writer that runs
// holds a lock (<writer>.lock); the journals of writers that no longer run
// are the ones to recover.
type Journal struct {
	Dir    string
	Writer string // a name: "local-<pid>-<random>", or the person's over SSH
	// Own: recover only this writer's journals (a person on a server sees
	// their own typing, never another's); otherwise every run that ended.
	Own bool
}

// Entry is a journalled note.
type Entry struct {
	Session string
	Text    string
	Base    Version // the note on disk the text was typed over
	At      time.Time
	Writer  string // who typed it
	Live    bool   // its writer is running now (this one, or another)
	file    string
}

// IsWriter reports whether s can name a journal's writer.
func IsWriter(s string) bool { return IsSlug(s) && len(s) <= MaxIDLength }

func (j Journal) name(session string) string {
	if j.Writer == "" {
		return session + ".journal"
	}
	return session + "." + j.Writer + ".journal"
}

// Claim marks the writer as running for as long as the program does (the
// lock goes with the process, however it ends).
func (j Journal) Claim() (release func(), err error) {
	if err := os.MkdirAll(j.Dir, 0o700); err != nil {
		return nil, err
	}
	if !IsWriter(j.Writer) {
		return nil, fmt.Errorf("%q cannot name a journal's writer", j.Writer)
	}
	d := safefs.Dir(j.Dir)
	// The marks of programs gone: a lock no one holds says nothing a
	// missing one would not (Entries reads both as "not running").
	if files, err := d.ReadDir("."); err == nil {
		for _, f := range files {
			if name := f.Name(); strings.HasSuffix(name, ".lock") && f.Type().IsRegular() && !d.Locked(name) {
				d.Remove(name)
			}
		}
	}
	name := j.Writer + ".lock"
	unlock, err := d.Lock(name, nil)
	if err != nil {
		return nil, err
	}
	return func() {
		unlock()
		d.Remove(name) // gone with the program that held it
	}, nil
}

// Path is where the journal of a session is written, to tell a person.
func (j Journal) Path(session string) string { return filepath.Join(j.Dir, j.name(session)) }

// Write records text for a session, atomically.
func (j Journal) Write(e Entry) error {
	if err := os.MkdirAll(j.Dir, 0o700); err != nil { // private: it holds what is typed
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "plenary-journal 1\nsession: %s\nwriter: %s\nbase: %s\nat: %s\n\n", e.Session, j.Writer, baseString(e.Base), e.At.UTC().Format(time.RFC3339Nano))
	b.WriteString(e.Text)
	return safefs.Dir(j.Dir).WriteFile(j.name(e.Session), []byte(b.String()), 0o600)
}

// Remove forgets this writer's journal of a session (after a save); the
// journals of other writers stay.
func (j Journal) Remove(session string) error {
	return safefs.Dir(j.Dir).Remove(j.name(session))
}

// Discard forgets an entry read by Entries, whoever wrote it (after it was
// restored and saved, or discarded by the person).
func (j Journal) Discard(e Entry) error {
	if e.file == "" {
		return nil
	}
	d := safefs.Dir(j.Dir)
	if err := d.Remove(e.file); err != nil {
		return err
	}
	if e.Writer != "" && e.Writer != j.Writer && !d.Locked(e.Writer+".lock") {
		d.Remove(e.Writer + ".lock") // best effort: a stale mark of a writer gone
	}
	return nil
}

// Entries reads every journal entry, oldest first, each with its writer and
// whether that writer runs now; unreadable ones are skipped (a journal is a
// safety net, not a source of errors).
func (j Journal) Entries() []Entry {
	d := safefs.Dir(j.Dir)
	files, _ := d.ReadDir(".")
	var out []Entry
	live := map[string]bool{}
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".journal") {
			continue
		}
		b, err := d.ReadFile(f.Name(), MaxNoteSize+4096)
		if err != nil {
			continue
		}
		e, ok := parseJournal(string(b))
		if !ok {
			continue
		}
		e.file = f.Name()
		if j.Own && e.Writer != j.Writer {
			continue
		}
		// Live: a program that runs holds its writer's lock (this one's
		// own too). A person's journals on a server carry no lock: the
		// person's next session offers them.
		if w := e.Writer; w != "" {
			if _, seen := live[w]; !seen {
				live[w] = d.Locked(w + ".lock")
			}
			e.Live = live[w]
		}
		out = append(out, e)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].At.Before(out[b].At) })
	return out
}

func baseString(v Version) string {
	if !v.Exists {
		return "-"
	}
	return hex.EncodeToString(v.Sum[:])
}

func parseJournal(s string) (Entry, bool) {
	head, text, ok := strings.Cut(s, "\n\n")
	if !ok {
		return Entry{}, false
	}
	sc := bufio.NewScanner(strings.NewReader(head))
	var e Entry
	if !sc.Scan() || sc.Text() != "plenary-journal 1" {
		return Entry{}, false
	}
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ": ")
		switch k {
		case "session":
			e.Session = v
		case "writer":
			if v != "" && !IsWriter(v) {
				return Entry{}, false
			}
			e.Writer = v
		case "base":
			if v != "-" {
				b, err := hex.DecodeString(v)
				if err != nil || len(b) != sha256.Size {
					return Entry{}, false
				}
				e.Base.Exists = true
				copy(e.Base.Sum[:], b)
			}
		case "at":
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return Entry{}, false
			}
			e.At = t
		}
	}
	e.Text = clean.Text(text)
	return e, IsSlug(e.Session) && !e.At.IsZero()
}

// Stars are the sessions a person starred: personal, kept outside the
// bundle.
type Stars struct {
	Path string
	// Legacy is where an earlier plenary kept these stars: read while Path
	// does not exist yet, which the next save creates (the old file stays,
	// for another bundle that took its stars from it too).
	Legacy string
}

// Load reads the starred session ids; none when the file does not exist.
func (s Stars) Load() (map[string]bool, error) {
	var f struct {
		Starred []string `toml:"starred"`
	}
	b, err := safefs.Dir(filepath.Dir(s.Path)).ReadFile(filepath.Base(s.Path), 1<<20)
	if errors.Is(err, fs.ErrNotExist) && s.Legacy != "" {
		return Stars{Path: s.Legacy}.Load()
	}
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err == nil {
		_, err = toml.Decode(string(b), &f)
	}
	if err != nil {
		return map[string]bool{}, fmt.Errorf("%s: %w", s.Path, err)
	}
	out := map[string]bool{}
	for _, id := range f.Starred {
		out[id] = true
	}
	return out, nil
}

// Save writes the starred session ids, atomically.
func (s Stars) Save(ids map[string]bool) error {
	var list []string
	for id, on := range ids {
		if on {
			list = append(list, id)
		}
	}
	sort.Strings(list)
	var b strings.Builder
	b.WriteString("# Sessions starred in plenary; personal, not part of the bundle.\nstarred = [")
	for i, id := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", id)
	}
	b.WriteString("]\n")
	return safefs.Dir(filepath.Dir(s.Path)).WriteFile(filepath.Base(s.Path), []byte(b.String()), 0o644)
}
