import { useI18n } from '../../../i18n/i18n-provider'
import '../movies.css'

interface PaginationProps {
  page: number
  totalPages: number
  onPageChange: (page: number) => void
}

export function Pagination({ page, totalPages, onPageChange }: PaginationProps) {
  const { t } = useI18n()
  return (
    <nav className="pagination" aria-label={t.movies.pagination}>
      <button
        type="button"
        className="button"
        disabled={page <= 1}
        onClick={() => onPageChange(page - 1)}
      >
        <span aria-hidden="true">←</span>
        {t.movies.previous}
      </button>
      <p className="page-status" aria-live="polite">
        {t.movies.pageOf(page, totalPages)}
      </p>
      <button
        type="button"
        className="button"
        disabled={page >= totalPages}
        onClick={() => onPageChange(page + 1)}
      >
        {t.movies.next}
        <span aria-hidden="true">→</span>
      </button>
    </nav>
  )
}
