package room

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"golang.org/x/crypto/ssh"
	"golang.org/x/text/unicode/norm"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/strict"
)

// AccessFile is who may join a served meeting, in the bundle.
const AccessFile = "access.toml"

// Access says who may join and as what.
type Access struct {
	ShareNotes bool // delegates read the rapporteurs' notes
	Guests     bool // anyone else joins as a read-only delegate without a name
	People     []Entry
}

// Entry is a person with the keys they join with.
type Entry struct {
	Person
	Keys []ssh.PublicKey
}

// Who is the person a key belongs to.
func (a *Access) Who(key ssh.PublicKey) (*Person, bool) {
	if a == nil || key == nil {
		return nil, false
	}
	for i := range a.People {
		for _, k := range a.People[i].Keys {
			if keysEqual(k, key) {
				p := a.People[i].Person
				p.ShareNotes = a.ShareNotes
				return &p, true
			}
		}
	}
	return nil, false
}

// Guest is a person who joined without a key (keyboard-interactive), when
// guests are allowed: a delegate for this connection only — the id is new
// to every run of the server (start), so nothing of another guest's is
// ever found again, and nothing of theirs is kept.
func (a *Access) Guest(n int, start time.Time) *Person {
	return &Person{Name: fmt.Sprintf("Guest %d", n), ID: fmt.Sprintf("visitor-%d-%d", start.UnixNano(), n), Role: Delegate,
		ShareNotes: a.ShareNotes, Guest: true, Temporary: true}
}

// KeyGuest is a guest who proved a key that access.toml does not name,
// when guests are allowed: a delegate known by the key's fingerprint, so
// that the same key finds its stars again and another key starts empty.
func (a *Access) KeyGuest(fingerprint string) *Person {
	// SHA256:base64 → an id safe as a file name: the digest in hex.
	digest := strings.TrimPrefix(fingerprint, "SHA256:")
	raw, err := base64.RawStdEncoding.DecodeString(digest)
	if err != nil {
		raw = []byte(digest) // not a fingerprint: hex all the same
	}
	id := hex.EncodeToString(raw)
	return &Person{Name: "Guest " + digest[:min(8, len(digest))], ID: "guest-" + id, Role: Delegate, ShareNotes: a.ShareNotes, Guest: true}
}

// keysEqual compares two public keys in constant time of their content.
func keysEqual(a, b ssh.PublicKey) bool {
	am, bm := a.Marshal(), b.Marshal()
	if len(am) != len(bm) {
		return false
	}
	var d byte
	for i := range am {
		d |= am[i] ^ bm[i]
	}
	return d == 0
}

// LoadAccess reads access.toml (or name) from fsys and checks it against
// the meeting: every problem at file:line:col, like the bundle's other
// files. Key files named in it are read from fsys too.
func LoadAccess(fsys fs.FS, name string, m *agenda.Meeting) (*Access, strict.Problems) {
	src, err := strict.ReadFile(fsys, name)
	if err != nil {
		return nil, strict.Problems{{File: name, Line: 1, Col: 1, Msg: err.Error()}}
	}
	doc, probs := strict.Decode(name, src)
	if doc == nil {
		return nil, probs
	}
	doc.Top("access", "guests", "person")
	a := &Access{}
	if v, ok := doc.Raw["access"]; ok {
		a.ShareNotes = doc.Table("access", v, "share_notes").Bool("share_notes")
	}
	if v, ok := doc.Raw["guests"]; ok {
		a.Guests = doc.Table("guests", v, "allow").Bool("allow")
	}
	seenKeys := map[string]string{}
	ids := map[string]string{}
	for i, v := range doc.Array("", doc.Raw, "person") {
		tname := fmt.Sprintf("person[%d]", i+1)
		t := doc.Table(tname, v, "name", "role", "delegation", "chair", "keys", "key_files", "sessions")
		e := Entry{Person: Person{Name: t.Line("name", true), Role: Role(t.Line("role", true)),
			Delegation: t.Line("delegation", false), Chair: t.Bool("chair")}}
		switch e.Role {
		case Secretariat, Rapporteur, Delegate, "":
		default:
			t.Errorf("role", "%q is not a role (secretariat, rapporteur, delegate)", string(e.Role))
		}
		e.ID = slug(e.Name)
		if e.Name != "" {
			if first, dup := ids[e.ID]; dup {
				t.Errorf("name", "%q is the same person as %s (names must differ)", e.Name, first)
			}
			ids[e.ID] = tname
		}
		if e.Delegation != "" {
			if _, ok := m.Delegation(e.Delegation); !ok {
				t.Errorf("delegation", "%q is not a delegation of the meeting", e.Delegation)
			}
		}
		if t.Has("sessions") {
			e.Sessions = []string{}
			for _, s := range t.Strings("sessions") {
				if m.SessionIndex(s) < 0 {
					doc.At(doc.ElementPos(tname, "sessions", s), tname+".sessions", false, "%q is not a session id", s)
					continue
				}
				e.Sessions = append(e.Sessions, s)
			}
		}
		addKey := func(line string, at strict.Pos, key string) {
			k, _, _, _, err := ssh.ParseAuthorizedKey([]byte(line))
			if err != nil {
				doc.At(at, key, false, "not a public key (%s): want a line like ssh-ed25519 AAAA… name", clean.Line(err.Error()))
				return
			}
			fp := ssh.FingerprintSHA256(k)
			if first, dup := seenKeys[fp]; dup {
				doc.At(at, key, false, "this key is also %s's: a key names one person", first)
				return
			}
			seenKeys[fp] = e.Name
			e.Keys = append(e.Keys, k)
		}
		for _, line := range t.Strings("keys") {
			addKey(line, doc.ElementPos(tname, "keys", line), tname+".keys")
		}
		for _, f := range t.Strings("key_files") {
			at := doc.ElementPos(tname, "key_files", f)
			if !fs.ValidPath(f) {
				// fs refuses ../ and absolute paths with "invalid argument":
				// say what to do instead.
				doc.At(at, tname+".key_files", false, "%q: key files must be inside the bundle (put them in keys/, e.g. keys/%s)", f, path.Base(filepath.ToSlash(f)))
				continue
			}
			b, err := strict.ReadFile(fsys, f)
			if err != nil {
				doc.At(at, tname+".key_files", false, "%v", err)
				continue
			}
			for _, line := range strings.Split(b, "\n") {
				if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
					addKey(l, at, tname+".key_files")
				}
			}
		}
		if len(e.Keys) == 0 && !t.Has("keys") && !t.Has("key_files") {
			doc.At(doc.TablePos(tname), tname+".keys", false, "missing: a person joins with a key (keys or key_files)")
		}
		a.People = append(a.People, e)
	}
	doc.Problems.Sort()
	if doc.Problems.Errors() > 0 {
		return nil, doc.Problems
	}
	return a, doc.Problems
}

// slug is a name as a file-name-safe id: "Lucía Pérez" → "p-lucia-perez".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(norm.NFD.String(name)) {
		if unicode.Is(unicode.Mn, r) {
			continue // the accents of decomposed letters
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if len(s) > 40 {
		s = strings.TrimSuffix(s[:40], "-")
	}
	if s == "" {
		// A name in a script without Latin letters: a stable id from it.
		sum := sha256.Sum256([]byte(name))
		s = hex.EncodeToString(sum[:5])
	}
	return "p-" + s
}
