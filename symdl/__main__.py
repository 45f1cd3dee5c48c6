from symdl.cli import main

raise SystemExit(main())
