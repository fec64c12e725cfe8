package ui

// The screens a test looks into, found in the root's stack.

func (m *Model) queueScreen() *queueModel { return m.screens.layers[0].(*queueModel) }

// leadScreen is the open lead screen, nil while none is open.
func (m *Model) leadScreen() *leadModel {
	l, _ := find[*leadModel](&m.screens)
	return l
}

// importScreen is the open import overlay, nil while none is open.
func (m *Model) importScreen() *importModel {
	i, _ := find[*importModel](&m.screens)
	return i
}

// asking is the question open over the lead screen, nil when there is none.
func (m *leadModel) asking() *prompt {
	p, _ := m.overlays.top().(*prompt)
	return p
}

// notesOpen says whether the notes list is open.
func (m *leadModel) notesOpen() bool {
	_, ok := find[*notesList](&m.overlays)
	return ok
}

// planOpen is the open plan editor, nil when there is none.
func (m *leadModel) planOpen() *planView {
	v, _ := find[*planView](&m.overlays)
	return v
}
