// A drop zone for one file: drop it on the zone, or click the zone or press
// Enter or Space on it to open the file picker of its (hidden) file input.

/**
 * Wires `zone` to `input`; `onFile` receives the file dropped or chosen.
 * @param {HTMLElement} zone focusable, with a label (see index.html)
 * @param {HTMLInputElement} input
 * @param {(file: File) => void} onFile
 */
export function wireDropZone(zone, input, onFile) {
  input.addEventListener('change', () => {
    if (input.files[0]) onFile(input.files[0]);
    // Choosing the same file again is a change too.
    input.value = '';
  });
  zone.addEventListener('click', () => input.click());
  zone.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    input.click();
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  });
}
