export function lazy() {
  const img = document.createElement('img');
  img.src = '/img/icons/star.svg';
  document.body.appendChild(img);
}
