// Opens and closes <dialog>s from buttons with data-open-dialog / data-close-dialog (no inline
// scripts: the console's Content-Security-Policy allows scripts from the coordinator only).
document.addEventListener('click', (event) => {
	const opener = event.target.closest('[data-open-dialog]');
	if (opener) {
		document.getElementById(opener.dataset.openDialog).showModal();
		return;
	}
	const closer = event.target.closest('[data-close-dialog]');
	if (closer) {
		document.getElementById(closer.dataset.closeDialog).close();
	}
});
