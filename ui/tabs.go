package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
)

// tab is one tab of a tab bar: the key that shows it, its name and what it
// counts ("30", "2/7").
type tab struct{ key, name, count string }

// tabFit is how much of each label a tab bar shows: names cut to a width
// (0: none), counts or not, and a blank either side of the other tabs.
type tabFit struct {
	name, activeName   int
	count, activeCount bool
	spaced             bool
}

// renderTabs draws a tab bar in width. When the labels do not fit they are
// shortened, the other tabs' first: blanks, then names cut, then only
// their keys, then the active tab's own name and count. Only then are tabs
// far from the active one left out, marked "…"; the active tab (-1: none)
// is always shown.
func renderTabs(st *Styles, tabs []tab, active, width int) string {
	if width <= 0 || len(tabs) == 0 {
		return ""
	}
	longest := 0
	for _, t := range tabs {
		longest = max(longest, ansi.StringWidth(t.name))
	}
	fits := []tabFit{{name: longest, activeName: longest, count: true, activeCount: true, spaced: true}}
	for n := longest; n >= 3; n-- {
		fits = append(fits, tabFit{name: n, activeName: longest, count: true, activeCount: true})
	}
	fits = append(fits, tabFit{activeName: longest, activeCount: true})
	for n := longest - 1; n >= 3; n-- {
		fits = append(fits, tabFit{activeName: n, activeCount: true})
	}
	fits = append(fits, tabFit{activeCount: true}, tabFit{})
	for _, f := range fits {
		if tabsWidth(tabs, active, f, 0, len(tabs)) <= width {
			return drawTabs(st, tabs, active, f, 0, len(tabs))
		}
	}
	// Even keys alone do not fit: show the tabs around the active one.
	f := fits[len(fits)-1]
	lo := max(active, 0)
	hi := lo + 1
	if tabsWidth(tabs, active, f, lo, hi) > width {
		// Not even the marks beside it: the active tab alone.
		return clip(drawTabs(st, tabs[lo:hi], active-lo, f, 0, 1), width, 1)
	}
	for grown := true; grown; {
		grown = false
		if hi < len(tabs) && tabsWidth(tabs, active, f, lo, hi+1) <= width {
			hi, grown = hi+1, true
		}
		if lo > 0 && tabsWidth(tabs, active, f, lo-1, hi) <= width {
			lo, grown = lo-1, true
		}
	}
	return clip(drawTabs(st, tabs, active, f, lo, hi), width, 1)
}

// tabLabel is a tab's text at a fit, without its brackets or blanks.
func tabLabel(t tab, isActive bool, f tabFit) string {
	name, count := f.name, f.count
	if isActive {
		name, count = f.activeName, f.activeCount
	}
	parts := []string{t.key}
	if name > 0 && t.name != "" {
		n := t.name
		if ansi.StringWidth(n) > name {
			n = ansi.Truncate(n, name, "…")
		}
		parts = append(parts, n)
	}
	if count && t.count != "" {
		parts = append(parts, t.count)
	}
	return strings.Join(parts, " ")
}

// tabsWidth is the width of tabs[lo:hi] drawn at f, with a "…" for each
// side that leaves tabs out.
func tabsWidth(tabs []tab, active int, f tabFit, lo, hi int) int {
	w := 0
	for i := lo; i < hi; i++ {
		w += ansi.StringWidth(tabLabel(tabs[i], i == active, f))
		if i == active || f.spaced {
			w += 2
		}
	}
	w += hi - lo - 1
	if lo > 0 {
		w += 2
	}
	if hi < len(tabs) {
		w += 2
	}
	return w
}

func drawTabs(st *Styles, tabs []tab, active int, f tabFit, lo, hi int) string {
	var parts []string
	if lo > 0 {
		parts = append(parts, st.TabInactive.Render("…"))
	}
	for i := lo; i < hi; i++ {
		label := tabLabel(tabs[i], i == active, f)
		switch {
		case i == active:
			parts = append(parts, st.TabActive.Render("["+label+"]"))
		case f.spaced:
			parts = append(parts, st.TabInactive.Render(" "+label+" "))
		default:
			parts = append(parts, st.TabInactive.Render(label))
		}
	}
	if hi < len(tabs) {
		parts = append(parts, st.TabInactive.Render("…"))
	}
	return strings.Join(parts, " ")
}

// planTabs is the opportunity plan's bar: one tab per section, with how
// many of its fields are filled.
func planTabs(st *Styles, keys *KeyMap, per []domain.PlanSection, active, width int) string {
	tabs := make([]tab, len(per))
	for i, sec := range per {
		k := ""
		if i < len(keys.Section) {
			k = firstKey(keys.Section[i])
		}
		tabs[i] = tab{key: k, name: shortSection(sec.Key), count: fmt.Sprintf("%d/%d", sec.Filled, sec.Total)}
	}
	return renderTabs(st, tabs, active, width)
}
