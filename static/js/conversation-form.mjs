// Progressive enhancement for the conversation form: once a topic or determinant is chosen, list only the
// directory services that cover it (ticked services always stay visible). Without JavaScript every service shows.
const form = document.getElementById("conversation-form");

function chosenMask(name) {
  let mask = 0;
  form.querySelectorAll(`input[name="${name}"]:checked`).forEach((box) => {
    mask |= 1 << Number(box.dataset.bit);
  });
  return mask;
}

function narrowServices() {
  const topics = chosenMask("topics");
  const determinants = chosenMask("determinants");
  form.querySelectorAll('input[name="services"]').forEach((box) => {
    const relevant =
      (topics === 0 && determinants === 0) ||
      (Number(box.dataset.topics) & topics) !== 0 ||
      (Number(box.dataset.determinants) & determinants) !== 0;
    box.closest(".nhsuk-checkboxes__item").hidden = !(relevant || box.checked);
  });
}

if (form) {
  form.addEventListener("change", (event) => {
    if (["topics", "determinants"].includes(event.target.name)) narrowServices();
  });
  narrowServices();
}
