import styles from "./Shell.module.css";

export function Brand() {
  return (
    <a href="/" className={styles.brand}>
      <span className={styles.mark} aria-hidden="true">
        A360
      </span>
      <span>
        <span className="visually-hidden">A360 </span>Exchange
      </span>
    </a>
  );
}
