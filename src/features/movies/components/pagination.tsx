interface PaginationProps {
  page: number
  totalPages: number
  onPageChange: (page: number) => void
}

export function Pagination({ page, totalPages, onPageChange }: PaginationProps) {
  return (
    <nav className="pagination" aria-label="Pagination">
      <button
        type="button"
        className="button"
        disabled={page <= 1}
        onClick={() => onPageChange(page - 1)}
      >
        <span aria-hidden="true">←</span>
        Previous page
      </button>
      <p className="page-status" aria-live="polite">{`Page ${page} of ${totalPages}`}</p>
      <button
        type="button"
        className="button"
        disabled={page >= totalPages}
        onClick={() => onPageChange(page + 1)}
      >
        Next page
        <span aria-hidden="true">→</span>
      </button>
    </nav>
  )
}
