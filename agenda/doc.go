// Package agenda holds meetings: the meeting itself, its delegations and its
// sessions, loaded strictly from a bundle's meeting.toml with every problem
// reported at its file, line and column. It knows nothing of terminals.
package agenda
