package ui

import (
	"errors"
	"regexp"
	"sort"
	"strconv"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"leadq/domain"
)

// Theme is the palette; each colour adapts to light and dark terminals.
type Theme struct {
	Hot, Warm, Cold, Out lipgloss.AdaptiveColor
	Accent, Muted, Error lipgloss.AdaptiveColor
	Overdue              lipgloss.AdaptiveColor
	// SelectedBg is the selected row's background; none (the default)
	// draws it in reverse video, which every terminal shows, whatever its
	// colours: a dark grey turns into near-black on 256 colours.
	SelectedBg lipgloss.AdaptiveColor
}

// DefaultTheme is readable on both light and dark backgrounds.
func DefaultTheme() Theme {
	return Theme{
		Hot:     lipgloss.AdaptiveColor{Light: "#C4001A", Dark: "#FF5F5F"},
		Warm:    lipgloss.AdaptiveColor{Light: "#A65E00", Dark: "#FFAF00"},
		Cold:    lipgloss.AdaptiveColor{Light: "#005FAF", Dark: "#5FAFFF"},
		Out:     lipgloss.AdaptiveColor{Light: "#767676", Dark: "#8A8A8A"},
		Accent:  lipgloss.AdaptiveColor{Light: "#5A00B4", Dark: "#AF87FF"},
		Muted:   lipgloss.AdaptiveColor{Light: "#6C6C6C", Dark: "#949494"},
		Error:   lipgloss.AdaptiveColor{Light: "#C4001A", Dark: "#FF5F5F"},
		Overdue: lipgloss.AdaptiveColor{Light: "#C4001A", Dark: "#FF875F"},
	}
}

var hexColour = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Apply overrides colours from the config's [theme] section; a colour
// given once is used on light and dark terminals alike. Every slot that
// does not exist and every value that is no colour is named.
func (t *Theme) Apply(over map[string]string) error {
	slots := map[string]*lipgloss.AdaptiveColor{
		"hot": &t.Hot, "warm": &t.Warm, "cold": &t.Cold, "out": &t.Out, "accent": &t.Accent,
		"muted": &t.Muted, "error": &t.Error, "overdue": &t.Overdue, "selected": &t.SelectedBg,
	}
	names := make([]string, 0, len(over))
	for name := range over {
		names = append(names, name)
	}
	sort.Strings(names)
	var errs []error
	for _, name := range names {
		v := over[name]
		slot, ok := slots[name]
		switch {
		case !ok:
			errs = append(errs, configProblem("theme."+name,
				domain.Problemf("uiconfig.not_slot", "[theme] %s is not a colour slot (hot, warm, cold, out, accent, muted, error, overdue, selected)", name)))
		case name == "selected" && v == "":
			*slot = lipgloss.AdaptiveColor{} // reverse video, the default
		case !hexColour.MatchString(v):
			errs = append(errs, configProblem("theme."+name,
				domain.Problemf("uiconfig.not_colour", "[theme] %s = %s is not a colour like \"#FF5F5F\"", name, strconv.Quote(v))))
		default:
			*slot = lipgloss.AdaptiveColor{Light: v, Dark: v}
		}
	}
	return errors.Join(errs...)
}

// Styles are built once from a Theme.
type Styles struct {
	Tier        [3]lipgloss.Style
	Out         lipgloss.Style
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	Header      lipgloss.Style
	Selected    lipgloss.Style
	Overdue     lipgloss.Style
	Muted       lipgloss.Style
	Title       lipgloss.Style
	Section     lipgloss.Style
	Error       lipgloss.Style
	Status      lipgloss.Style
	Accent      lipgloss.Style

	// The forms' theme, in the same colours: made when a form first opens.
	renderer *lipgloss.Renderer
	theme    Theme
	form     *huh.Theme
}

// FormTheme is huh's theme in our colours.
func (s *Styles) FormTheme() *huh.Theme {
	if s.form == nil {
		s.form = formTheme(s.renderer, s.theme)
	}
	return s.form
}

func NewStyles(t Theme) Styles { return newStylesFor(lipgloss.DefaultRenderer(), t) }

// newStylesFor builds the styles for one renderer: a terminal of known
// colours, as in the tests of 256 and 16 colours.
func newStylesFor(r *lipgloss.Renderer, t Theme) Styles {
	selected := r.NewStyle().Reverse(true).Bold(true)
	if t.SelectedBg != (lipgloss.AdaptiveColor{}) {
		selected = r.NewStyle().Background(t.SelectedBg).Bold(true)
	}
	return Styles{
		Tier: [3]lipgloss.Style{
			r.NewStyle().Foreground(t.Hot).Bold(true),
			r.NewStyle().Foreground(t.Warm).Bold(true),
			r.NewStyle().Foreground(t.Cold),
		},
		Out:         r.NewStyle().Foreground(t.Out),
		TabActive:   r.NewStyle().Foreground(t.Accent).Bold(true).Underline(true),
		TabInactive: r.NewStyle().Foreground(t.Muted),
		Header:      r.NewStyle().Foreground(t.Muted).Bold(true),
		Selected:    selected,
		Overdue:     r.NewStyle().Foreground(t.Overdue).Bold(true),
		Muted:       r.NewStyle().Foreground(t.Muted),
		Title:       r.NewStyle().Bold(true),
		Section:     r.NewStyle().Foreground(t.Accent).Bold(true),
		Error:       r.NewStyle().Foreground(t.Error).Bold(true),
		Status:      r.NewStyle().Foreground(t.Muted),
		Accent:      r.NewStyle().Foreground(t.Accent),
		renderer:    r,
		theme:       t,
	}
}

// formTheme is huh's base layout in the theme's colours, so [theme] and
// NO_COLOR reach the forms as they reach the screens.
func formTheme(r *lipgloss.Renderer, t Theme) *huh.Theme {
	th := huh.ThemeBase()
	fg := func(st lipgloss.Style, c lipgloss.AdaptiveColor) lipgloss.Style {
		return st.Inherit(r.NewStyle().Foreground(c))
	}
	f := &th.Focused
	f.Base = f.Base.Inherit(r.NewStyle().BorderForeground(t.Muted))
	f.Card = f.Base
	f.Title = fg(f.Title, t.Accent).Bold(true)
	f.NoteTitle = fg(f.NoteTitle, t.Accent).Bold(true)
	f.Directory = fg(f.Directory, t.Accent)
	f.Description = fg(f.Description, t.Muted)
	// Point at the field to fix, in words that survive NO_COLOR.
	f.ErrorIndicator = fg(f.ErrorIndicator, t.Error).SetString(" ← fix this")
	f.ErrorMessage = fg(f.ErrorMessage, t.Error)
	f.SelectSelector = fg(f.SelectSelector, t.Accent)
	f.NextIndicator = fg(f.NextIndicator, t.Accent)
	f.PrevIndicator = fg(f.PrevIndicator, t.Accent)
	f.MultiSelectSelector = fg(f.MultiSelectSelector, t.Accent)
	f.SelectedOption = fg(f.SelectedOption, t.Accent)
	f.SelectedPrefix = fg(f.SelectedPrefix, t.Accent)
	f.TextInput.Cursor = fg(f.TextInput.Cursor, t.Accent)
	f.TextInput.Placeholder = r.NewStyle().Foreground(t.Muted)
	f.TextInput.Prompt = fg(f.TextInput.Prompt, t.Accent)

	th.Blurred = th.Focused
	b := &th.Blurred
	b.Base = b.Base.BorderStyle(lipgloss.HiddenBorder())
	b.Card = b.Base
	b.Title = r.NewStyle().Foreground(t.Muted)
	b.NoteTitle = r.NewStyle().Foreground(t.Muted)
	b.TextInput.Prompt = r.NewStyle().Foreground(t.Muted)
	b.NextIndicator = r.NewStyle()
	b.PrevIndicator = r.NewStyle()

	th.Group.Title = f.Title
	th.Group.Description = f.Description
	return th
}

// TierStyle styles a tier badge; leads out of the queue are greyed.
func (s Styles) TierStyle(t domain.Tier, inQueue bool) lipgloss.Style {
	if !inQueue {
		return s.Out
	}
	if int(t) < len(s.Tier) {
		return s.Tier[t]
	}
	return s.Muted
}
