// Package ui is plenary's terminal interface: the root bubbletea model —
// header, tabs, footer, the stack of modals and the routing of every
// message — over the views (package views/...), the modals (modals/...),
// the components they are built from (components/...) and the context they
// share (common). Nothing under ui imports this package. It holds no global
// state: every style comes from the renderer a program is given, so many
// programs can run in one process (one per SSH session).
package ui
