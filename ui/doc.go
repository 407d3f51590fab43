// Package ui is plenary's terminal interface: the root bubbletea model, its
// screens (agenda, delegations) and the shared context they draw with. It
// holds no global state: every style comes from the renderer a program is
// given, so many programs can run in one process (one per SSH session).
package ui
