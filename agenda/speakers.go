package agenda

import "strings"

// SpeakerKind is who a statement's speaker is.
type SpeakerKind int

const (
	NotASpeaker SpeakerKind = iota
	DelegationSpeaker
	ChairSpeaker
	SecretariatSpeaker
	PersonSpeaker
)

// chairWords and secretariatWords name the chair and the secretariat as
// rapporteurs write them.
var (
	chairWords       = []string{"chair", "the chair", "chairperson", "chairman", "chairwoman", "co-chair", "vice-chair"}
	secretariatWords = []string{"secretariat", "the secretariat"}
)

// SpeakerOf says whom a statement's prefix (the words before its colon)
// names: a delegation (by name or code), the chair, the secretariat, or a
// person of the meeting (a session's speaker or chair, by name, possibly
// followed by a role: "Barbara Ubaldi, Head of Division"). Anything else
// before a colon — "Discussion points", "Next steps", a title — names no
// one, and the line is not a statement: it is never cut to take a name
// out.
func (m *Meeting) SpeakerOf(prefix string) SpeakerKind {
	p := strings.TrimSpace(prefix)
	if p == "" || isMarker(p) {
		return NotASpeaker
	}
	lower := strings.ToLower(p)
	if m != nil {
		for _, d := range m.Delegations {
			if strings.EqualFold(d.Name, p) || strings.EqualFold(d.Code, p) {
				if d.Kind == Secretariat {
					return SecretariatSpeaker
				}
				return DelegationSpeaker
			}
		}
	}
	switch {
	case m == nil:
		return NotASpeaker
	case contains(chairWords, lower):
		return ChairSpeaker
	case contains(secretariatWords, lower) || (m.Organiser != "" && lower == strings.ToLower(m.Organiser)+" secretariat"):
		return SecretariatSpeaker
	}
	for _, s := range m.Sessions {
		if s.Chair != "" && namedAs(lower, s.Chair) {
			return ChairSpeaker
		}
		for _, sp := range s.Speakers {
			if sp.Name != "" && namedAs(lower, sp.Name) {
				return PersonSpeaker
			}
		}
	}
	return NotASpeaker
}

// namedAs reports whether prefix (lower case) is name, or name followed by
// a role after a comma or in brackets.
func namedAs(prefix, name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	rest, ok := strings.CutPrefix(prefix, n)
	return ok && (rest == "" || strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, " ("))
}

func contains(list []string, s string) bool {
	for _, w := range list {
		if w == s {
			return true
		}
	}
	return false
}
